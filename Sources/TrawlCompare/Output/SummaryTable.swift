/// The median-and-range table of one workload, as rows of cells; the
/// terminal and report.md lay the same rows out their own way.
struct SummaryTable {
    static let header = ["mode", "conc", "pages/s", "MB/s", "p50 ms", "p99 ms", "CPU s/1k pages", "peak RSS MiB",
                         "threads", "ctx sw (vol/invol)", "net errors", "http errors", "runs"]

    let rows: [[String]]

    init(_ results: CompareResults.WorkloadResults, plan: ComparePlan) {
        var rows = [[String]]()
        for concurrency in results.workload.concurrencies {
            for mode in plan.modes {
                let configuration = Configuration(mode: mode, concurrency: concurrency)
                // Configurations not reached before a Ctrl-C have no row.
                guard let summary = results.summary(of: configuration), summary.runs > 0 else { continue }
                let good = summary.runs - summary.failedRuns
                rows.append([
                    CompareCharts.seriesName(mode, plan: plan), "\(concurrency)",
                    Self.ranged(summary.pagesPerSecond, digits: 0),
                    Self.median(summary.megabytesPerSecond, digits: 2),
                    Self.median(summary.latencyP50Ms, digits: 1),
                    Self.median(summary.latencyP99Ms, digits: 1),
                    Self.ranged(summary.cpuSecondsPer1000Pages, digits: 3),
                    Self.ranged(summary.peakRSSBytes.map { Spread(min: $0.min / 1_048_576, median: $0.median / 1_048_576, max: $0.max / 1_048_576) }, digits: 1),
                    Self.median(summary.peakThreads, digits: 0),
                    "\(Self.median(summary.voluntaryContextSwitches, digits: 0))/\(Self.median(summary.involuntaryContextSwitches, digits: 0))",
                    Self.median(summary.transportErrors, digits: 0),
                    Self.median(summary.httpErrors, digits: 0),
                    summary.failedRuns == 0 ? "\(good)" : "\(good) ok, \(summary.failedRuns) failed",
                ])
            }
        }
        self.rows = rows
    }

    /// "3,412 (3,390–3,450)"
    static func ranged(_ spread: Spread?, digits: Int) -> String {
        guard let spread else { return "–" }
        if spread.min == spread.max { return figure(spread.median, digits) }
        return "\(figure(spread.median, digits)) (\(figure(spread.min, digits))–\(figure(spread.max, digits)))"
    }

    static func median(_ spread: Spread?, digits: Int) -> String {
        spread.map { figure($0.median, digits) } ?? "–"
    }

    static func figure(_ value: Double, _ digits: Int) -> String {
        digits == 0 ? Format.count(Int(value.rounded())) : Format.fixed(value, digits)
    }

    /// Columns padded to their widest cell; numbers right-aligned.
    func text() -> String {
        let all = [Self.header] + rows
        let widths = Self.header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    func markdown() -> String {
        let separator = Self.header.indices.map { $0 == 0 ? "---" : "---:" }
        return ([Self.header, separator] + rows).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }
}
