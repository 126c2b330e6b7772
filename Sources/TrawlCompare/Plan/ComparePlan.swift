import TrawlCore

/// Which strategies run, how often, and in what order.
public struct ComparePlan: Sendable, Codable, Equatable {
    public var modes: [CrawlOptions.Mode]
    public var repeats: Int
    /// `processes`: worker processes and the strategy inside each.
    public var workers: Int
    public var workerMode: CrawlOptions.InProcessMode
    /// Test hook: runs of this mode crawl with an extra `--deny`, so they
    /// drop edges and the fairness check must fail.
    public var dropEdgesInMode: CrawlOptions.Mode?

    public init(modes: [CrawlOptions.Mode], repeats: Int, workers: Int = 2, workerMode: CrawlOptions.InProcessMode = .async,
                dropEdgesInMode: CrawlOptions.Mode? = nil) {
        self.modes = modes
        self.repeats = repeats
        self.workers = workers
        self.workerMode = workerMode
        self.dropEdgesInMode = dropEdgesInMode
    }

    /// Every run of `workload`, interleaved so that drift of the machine
    /// (thermal state, other load, page cache) hits every mode alike: each
    /// repeat sweeps every concurrency, and each concurrency every mode —
    /// A B C A B C …, never A A A B B B.
    public func runs(of workload: Workload) -> [RunSpec] {
        var runs = [RunSpec]()
        for repeatIndex in 1...max(1, repeats) {
            for concurrency in workload.concurrencies {
                for mode in modes {
                    runs.append(RunSpec(mode: mode, concurrency: concurrency, repeatIndex: repeatIndex))
                }
            }
        }
        return runs
    }

    /// The `trawl crawl` arguments of `run` (seeds file first; the runner
    /// adds `--out`).
    public func crawlArguments(for run: RunSpec, of workload: Workload, seedsFile: String, connectTo: String?) -> [String] {
        var arguments = [
            "crawl", seedsFile, "--mode", run.mode.rawValue, "--concurrency", "\(run.concurrency)",
            "--per-host", "\(workload.perHost ?? run.concurrency)", "--quiet",
            // No journal in any run: a comparison measures the strategies,
            // and `make bench-journal` measures the journal apart.
            "--no-state",
        ]
        if run.mode == .processes {
            // A worker needs at least one transfer slot.
            arguments += ["--workers", "\(min(workers, run.concurrency))", "--worker-mode", workerMode.rawValue]
        }
        if let maxPages = workload.maxPages { arguments += ["--max-pages", "\(maxPages)"] }
        if let connectTo { arguments += ["--connect-to", connectTo] }
        if run.mode == dropEdgesInMode { arguments += ["--deny", Self.droppedPages] }
        if workload.web != nil { arguments += Self.generatedWebArguments }
        return arguments + workload.crawlArguments
    }

    /// For a generated web, which has no traps and is numbered on purpose
    /// (`/page/1` … `/page/N`, any N), and whose 500s are permanent by
    /// design: no path-variant cap (it would cut a web of more than 1,000
    /// pages per host), and no status retried (retry backoffs are timers,
    /// not the strategy under test). Transport failures are still retried.
    public static let generatedWebArguments = ["--max-path-variants", "0", "--retry-on", "none"]

    /// Generated pages whose number ends in 7: a tenth of the web.
    static let droppedPages = "/page/[0-9]*7$"
}
