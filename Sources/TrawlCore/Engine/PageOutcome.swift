/// What one fetched job produced, handed from the worker (any strategy) back
/// to the engine, which alone updates the frontier and writes the exports.
public struct PageOutcome: Sendable {
    public var job: CrawlJob
    public var record: PageRecord
    /// Normalized final URL: the source of this page's edges.
    public var source: String
    /// In-scope link targets (or all targets with `--edges all`), distinct.
    public var edgeTargets: [String]
    /// Links to hand to the frontier: (normalized URL, politeness key).
    public var follow: [(url: String, hostKey: String)]
}
