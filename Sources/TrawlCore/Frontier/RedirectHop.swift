import TrawlFetch

/// A redirect chain in progress. A page that answers 3xx with a redirect
/// the policy follows is not fetched on: its next hop goes back to the
/// frontier as a job of its own, carrying this. So every hop passes the
/// gates a discovered link passes (robots.txt of the hop's host, fetched
/// first when unknown; `--delay`, Crawl-delay and `--per-host` of that
/// host; the trap rules) and waits for them without holding a fetch slot,
/// as Heritrix and Scrapy send a redirect back through their frontier.
public struct RedirectHop: Sendable, Equatable {
    /// The URL asked for. Its frontier entry stays in flight until the
    /// chain ends, and its line in pages.jsonl tells how the chain ended.
    public let origin: String
    /// The URLs fetched so far, normalized, `origin` first; the hop's own
    /// URL is the job's `url`.
    public let fetched: [String]
    /// The redirect status each URL of `fetched` answered with.
    public let statuses: [Int]
    /// The chain's transfers so far, phase by phase. `--timeout` covers
    /// the whole chain, as curl's `--max-time` covers its redirects: a hop
    /// gets what `timings.total` left of it.
    public let timings: FetchTimings
    /// Wall time spent fetching the chain so far.
    public let wallMilliseconds: Double

    public init(origin: String, fetched: [String], statuses: [Int], timings: FetchTimings, wallMilliseconds: Double) {
        self.origin = origin
        self.fetched = fetched
        self.statuses = statuses
        self.timings = timings
        self.wallMilliseconds = wallMilliseconds
    }
}

/// What a hop that answered with a redirect to follow hands the frontier:
/// the next URL (normalized), its politeness key, and the chain so far.
public struct RedirectFollow: Sendable {
    public var target: String
    public var hostKey: String
    public var hop: RedirectHop
}
