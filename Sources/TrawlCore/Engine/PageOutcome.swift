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
    /// A `.robots` job: the rules this crawler obeys on the host, and the
    /// file's Sitemap: lines.
    public var robots: RobotsRules? = nil
    public var sitemaps: [String] = []
    /// A `.robots` job whose file could not be read (no answer, a 5xx):
    /// why, for the records of the pages it then disallows.
    public var robotsUnavailable: String? = nil
    /// Set when the fetch failed transiently and may be tried again: how
    /// long the host should wait first (backoff with jitter, or the
    /// server's Retry-After). The engine retries instead of recording it.
    public var retryAfter: Duration? = nil
    /// Whether the whole host waits `retryAfter` (the server or the network
    /// said to slow down: a transport error, 429, 502, 503, 504, or any
    /// Retry-After), or only this page (another status of `--retry-on`).
    public var retryHoldsHost = true
    /// Set when the page (or hop) answered with a redirect the policy
    /// follows: the frontier hands out the next hop. No record yet.
    public var redirect: RedirectFollow? = nil
}
