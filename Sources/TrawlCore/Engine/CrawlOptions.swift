import TrawlFetch

/// Everything one crawl needs besides its seeds, as plain values the CLI
/// fills in and validates.
public struct CrawlOptions: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// One libcurl multi event loop; every transfer awaited from a task.
        case async
        /// A new OS thread per request, blocking curl_easy_perform.
        case threads
        /// `--concurrency` long-lived threads pulling from one queue.
        case pool
    }

    public var mode: Mode = .async
    /// Transfers in flight (and pages being parsed) at most, all hosts together.
    public var concurrency: Int = 64
    public var limits = Frontier.Limits()
    public var scopeRule: CrawlScope.Rule = .host
    public var allow: [PatternMatcher] = []
    public var deny: [PatternMatcher] = []
    /// `--edges all`: keep out-of-scope link targets in edges.csv.
    public var includeOutOfScopeEdges = false
    public var fetch = FetchConfiguration()
    /// Output folder of this run (created if missing).
    public var outputDirectory: String = "output/crawl"

    public init() {}
}
