/// A URL the frontier hands out: fetch it (or, for `.disallowed`, record it
/// unfetched), then report it with `complete(_:)`, `retry(_:notBefore:)` or,
/// for `.robots`, `completeRobots(_:rules:)`.
public struct CrawlJob: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Fetch the page.
        case page
        /// Fetch the host's /robots.txt: the frontier holds the host's pages
        /// back until its rules are known.
        case robots
        /// robots.txt forbids this page: record it (error
        /// `robots-disallowed`) without a request.
        case disallowed
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

    init(url: String, depth: Int, hostID: Int, kind: Kind = .page, attempt: Int = 0) {
        self.url = url
        self.depth = depth
        self.hostID = hostID
        self.kind = kind
        self.attempt = attempt
    }
}
