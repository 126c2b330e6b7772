/// report.md: the workload, the machine, the table and the charts, enough
/// for someone else to judge the numbers and to reproduce them.
enum MarkdownReport {
    static func render(_ results: CompareResults) -> String {
        var text = """
            # trawl compare — \(results.startedAt)

            Reproduce with:

            ```
            \(results.command)
            ```

            **Machine:** \(results.machine.description)

            **Strategies:** \(results.plan.modes.map { CompareCharts.seriesName($0, plan: results.plan) }.joined(separator: ", ")); \
            \(results.plan.repeats) repeat\(results.plan.repeats == 1 ? "" : "s") of every configuration, run interleaved \
            (A B C A B C …) so drift hits every mode alike. Every run is its own child process: CPU and context switches \
            come from `wait4` on it (its worker processes included), peak RSS and threads from its own /proc sampling \
            of the whole process tree. Figures are the median, with the min–max range in brackets. The generated web \
            runs in a separate process on the same cores; its CPU per run is in results.csv (`server_cpu_s`).
            \(results.completed ? "" : "\n**Interrupted:** the comparison was stopped early; only the runs shown were made.\n")
            """
        for workload in results.workloads {
            text += """

                ## \(workload.workload.name)

                \(workload.workload.summary). Workload: \(workload.workload.description).

                \(SummaryTable(workload, plan: results.plan).markdown())

                **Fairness:** \(workload.fairness.passed ? "✓" : "✗") \(workload.fairness.verdict)

                ![pages/s by strategy](\(CompareCharts.fileName("pages-per-second", workload.workload)))
                ![peak RSS by strategy](\(CompareCharts.fileName("peak-rss", workload.workload)))

                """
            let failed = workload.runs.filter { !$0.succeeded }
            if !failed.isEmpty {
                text += "\n**Failed runs** (not in the figures):\n\n"
                for run in failed { text += "- \(run.run.label): \(run.failure ?? "") — see runs/\(workload.workload.name)/\(run.run.folderName).log\n" }
            }
        }
        return text
    }
}
