/// What one comparison crawls, and at which concurrencies: a generated web
/// (served by a `trawl serve` child) or the user's own seeds.
public struct Workload: Sendable, Codable, Equatable {
    /// "io-bound", "custom", "seeds": names the workload's files.
    public var name: String
    /// What it stands for, in one line.
    public var summary: String
    /// The generated web; nil when `seedsFile` is crawled instead.
    public var web: WebShape?
    public var seedsFile: String?
    /// The concurrencies each mode runs at.
    public var concurrencies: [Int]
    /// `--per-host`; nil gives every run a per-host limit equal to its
    /// concurrency, so the strategy and not politeness bounds it.
    public var perHost: Int?
    public var maxPages: Int?
    /// More `trawl crawl` flags, passed to every run unchanged.
    public var crawlArguments: [String] = []

    public init(name: String, summary: String, web: WebShape? = nil, seedsFile: String? = nil, concurrencies: [Int],
                perHost: Int? = nil, maxPages: Int? = nil, crawlArguments: [String] = []) {
        self.name = name
        self.summary = summary
        self.web = web
        self.seedsFile = seedsFile
        self.concurrencies = concurrencies
        self.perHost = perHost
        self.maxPages = maxPages
        self.crawlArguments = crawlArguments
    }

    /// A crawl cut by `--max-pages` keeps whichever pages finish first, so
    /// only a crawl run to completion must give every mode one edge set.
    public var runsToCompletion: Bool { maxPages == nil }

    /// The workload line of tables and reports.
    public var description: String {
        var text = web?.description ?? "seeds from \(seedsFile ?? "?")"
        if let maxPages { text += ", at most \(Format.count(maxPages)) pages" }
        return text
    }
}
