/// A URL the frontier hands out: fetch it (or, for a kind that
/// `makesNoRequest`, record it unfetched), then report it with
/// `complete(_:)`, `retry(_:notBefore:)`, `redirect(_:to:now:)` or, for
/// `.robots`, `completeRobots(_:rules:)`.
public struct CrawlJob: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Fetch the page.
        case page
        /// Fetch the host's /robots.txt: the frontier holds the host's pages
        /// back until its rules are known.
        case robots
        /// robots.txt forbids this page: record it (error
        /// `robots-disallowed`) without a request.
        case disallowed
        /// The host's robots.txt could not be fetched (no answer, or a
        /// 5xx), which RFC 9309 reads as "disallow all": record the page
        /// (error `robots-unavailable`, with the robots.txt fetch's own
        /// error as detail) without a request.
        case robotsUnavailable(String)
        /// robots.txt is too costly to judge for this page (past
        /// `RobotsRules.workBudget`: a file built to be slow to match):
        /// record it as `robots-disallowed`, the safe side, without a request.
        case robotsTooCostly
        /// A redirect hop a trap rule refuses (the detail names it): record
        /// the chain's page (error `refused-redirect`) without a request.
        case refusedRedirect(String)

        /// A job the driver records at once: it makes no request.
        public var makesNoRequest: Bool {
            switch self {
            case .page, .robots: false
            case .disallowed, .robotsUnavailable, .robotsTooCostly, .refusedRedirect: true
            }
        }
    }

    /// The normalized URL (`WebURL.normalizedForCrawl().href`); for
    /// `.robots`, the host's `/robots.txt`.
    public let url: String
    /// Shortest link distance from any seed (0 for `.robots`).
    public let depth: Int
    /// The interned politeness key (scheme://host:port) of `url`.
    let hostID: Int
    public let kind: Kind
    /// Earlier fetches of this URL that failed transiently and were retried.
    public let attempt: Int
    /// Set when `url` is a redirect hop: the chain it continues. `depth`
    /// and `attempt` are then the chain's first URL's.
    public let redirect: RedirectHop?

    /// The page that linked the job's URL (for a hop, the chain's first
    /// URL); nil for a seed and a robots.txt.
    public let referrer: String?

    /// The URL whose pages.jsonl line this job ends in: the chain's first
    /// URL for a hop, else `url`.
    public var recordURL: String { redirect?.origin ?? url }

    init(url: String, depth: Int, hostID: Int, kind: Kind = .page, attempt: Int = 0, redirect: RedirectHop? = nil,
         referrer: String? = nil) {
        self.referrer = referrer
        self.url = url
        self.depth = depth
        self.hostID = hostID
        self.kind = kind
        self.attempt = attempt
        self.redirect = redirect
    }
}
