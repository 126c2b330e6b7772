import TrawlCore

/// results.csv: one row per run, every figure in base units, for
/// spreadsheets, pandas and R; fields quoted as edges.csv quotes them.
enum ResultsCSV {
    static let header = [
        "workload", "mode", "concurrency", "repeat", "succeeded", "failure", "pages", "bytes", "elapsed_s", "pages_per_s",
        "mb_per_s", "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_max_ms", "cpu_user_s", "cpu_sys_s",
        "cpu_s_per_1000_pages", "peak_rss_bytes", "peak_threads", "processes", "voluntary_ctx_switches",
        "involuntary_ctx_switches", "errors", "transport_errors", "http_errors", "edges", "edge_set_sha256", "server_cpu_s",
    ]

    static func render(_ results: CompareResults) -> String {
        var lines = [header.joined(separator: ",")]
        for workload in results.workloads {
            for run in workload.runs {
                let fields: [String] = [
                    workload.workload.name, run.run.mode.rawValue, "\(run.run.concurrency)", "\(run.run.repeatIndex)",
                    run.succeeded ? "true" : "false", run.failure ?? "", "\(run.pages)", "\(run.bytes)",
                    number(run.elapsedSeconds), number(run.pagesPerSecond), number(run.megabytesPerSecond),
                    number(run.latencyMs.p50), number(run.latencyMs.p90), number(run.latencyMs.p99), number(run.latencyMs.max),
                    number(run.cpuUserSeconds), number(run.cpuSystemSeconds), number(run.cpuSecondsPer1000Pages),
                    "\(run.peakRSSBytes)", "\(run.peakThreads)", "\(run.processes)", "\(run.voluntaryContextSwitches)",
                    "\(run.involuntaryContextSwitches)", "\(run.errors)", "\(run.transportErrors)", "\(run.httpErrors)", "\(run.edges)", run.edgeSetSHA256,
                    run.serverCPUSeconds.map(number) ?? "",
                ]
                lines.append(fields.map(CSV.field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func number(_ value: Double) -> String { Format.fixed(value, 4) }
}
