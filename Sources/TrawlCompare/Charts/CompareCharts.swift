import TrawlCore

/// The two charts of a workload: pages/s and peak RSS against concurrency,
/// one series per mode.
enum CompareCharts {
    /// The same colour for a mode in every chart (colour-blind-safe hues).
    static func color(of mode: CrawlOptions.Mode) -> String {
        switch mode {
        case .async: return "#0072B2"
        case .threads: return "#D55E00"
        case .pool: return "#009E73"
        case .processes: return "#CC79A7"
        }
    }

    /// (file name, SVG text) for each chart of `results`.
    static func render(_ results: CompareResults.WorkloadResults, plan: ComparePlan) -> [(name: String, svg: String)] {
        let subtitle = "\(results.workload.name): \(results.workload.description)"
        func chart(title: String, yLabel: String, value: (ConfigurationSummary) -> Spread?, scale: Double) -> String {
            let series = plan.modes.map { mode in
                SVGLineChart.Series(
                    name: seriesName(mode, plan: plan), color: color(of: mode),
                    points: results.workload.concurrencies.compactMap { concurrency in
                        guard let summary = results.summary(of: Configuration(mode: mode, concurrency: concurrency)),
                              let spread = value(summary) else { return nil }
                        return SVGLineChart.Point(x: Double(concurrency), median: spread.median * scale,
                                                  min: spread.min * scale, max: spread.max * scale)
                    })
            }
            return SVGLineChart(title: title, subtitle: subtitle, xLabel: "concurrency (transfers in flight, log scale)",
                                yLabel: yLabel, series: series).render()
        }
        return [
            (fileName("pages-per-second", results.workload), chart(title: "Throughput by strategy", yLabel: "pages/s",
                                                                   value: \.pagesPerSecond, scale: 1)),
            (fileName("peak-rss", results.workload), chart(title: "Peak memory by strategy", yLabel: "peak RSS (MiB)",
                                                           value: \.peakRSSBytes, scale: 1 / 1_048_576)),
        ]
    }

    static func fileName(_ chart: String, _ workload: Workload) -> String { "\(chart)-\(workload.name).svg" }

    /// "processes (2 × async)" for processes; the mode's name otherwise.
    static func seriesName(_ mode: CrawlOptions.Mode, plan: ComparePlan) -> String {
        mode == .processes ? "processes (\(plan.workers) × \(plan.workerMode.rawValue))" : mode.rawValue
    }
}
