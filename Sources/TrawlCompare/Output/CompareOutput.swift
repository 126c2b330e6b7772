import Foundation

/// Writes a comparison's folder: results.json, results.csv, report.md and
/// two SVG charts per workload. Each file is written whole to a temporary
/// name and renamed, so a reader (or a Ctrl-C) never sees half a file.
public enum CompareOutput {
    public static let resultsJSON = "results.json"
    public static let resultsCSV = "results.csv"
    public static let reportMarkdown = "report.md"

    public static func write(_ results: CompareResults, to directory: String) throws {
        var files: [(String, String)] = [
            (resultsJSON, try results.jsonText()),
            (resultsCSV, ResultsCSV.render(results)),
            (reportMarkdown, MarkdownReport.render(results)),
        ]
        for workload in results.workloads {
            files += CompareCharts.render(workload, plan: results.plan).map { ($0.name, $0.svg) }
        }
        for (name, text) in files {
            let path = "\(directory)/\(name)"
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CompareError("cannot write '\(path)': \((error as NSError).localizedDescription)")
            }
        }
    }

    /// The median table of every workload plus its fairness verdict, for
    /// the terminal.
    public static func table(_ results: CompareResults) -> String {
        results.workloads.map { workload in
            """
            \(workload.workload.name): \(workload.workload.description) — median (min–max) of \(results.plan.repeats) run\(results.plan.repeats == 1 ? "" : "s")
            \(SummaryTable(workload, plan: results.plan).text())
            """
        }.joined(separator: "\n\n")
    }
}
