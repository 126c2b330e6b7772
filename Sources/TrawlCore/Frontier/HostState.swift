import TrawlURL

/// What the frontier knows of one host (scheme://host:port): politeness
/// is per host, so this is where its limits live.
struct HostState: Sendable {
    enum Robots: Sendable {
        /// Not asked yet (or robots.txt is not obeyed: then never asked).
        case unknown
        /// Its robots.txt is being fetched; its pages wait.
        case fetching
        case known(RobotsRules)
    }

    /// "http://h0.trawl.test": where its robots.txt lives.
    let key: String
    var inFlight = 0
    var robots = Robots.unknown
    /// Time between the starts of two requests: `--delay`, raised by the
    /// host's Crawl-delay.
    var delay: Duration
    /// The earliest time (since the crawl began) its next request may start.
    var nextStart: Duration = .zero
    /// URLs admitted so far, for `maxPagesPerHost`.
    var admitted = 0
    /// Queries admitted per path, for `maxQueryVariants`.
    var queryVariants: [Substring: Int] = [:]

    init(key: String, delay: Duration) {
        self.key = key
        self.delay = delay
    }

    /// Counts `url` in if the host's limits allow it; else says which
    /// limit refused it. (A URL beyond --max-depth never gets here.)
    mutating func admit(_ url: String, limits: Frontier.Limits) -> DiscoveryOutcome? {
        if let cap = limits.maxPagesPerHost, admitted >= cap { return .hostFull }
        if let cap = limits.maxQueryVariants, let question = url.firstIndex(of: "?") {
            let path = url[..<question]
            let count = queryVariants[path, default: 0]
            if count >= cap { return .tooManyQueryVariants }
            queryVariants[path] = count + 1
        }
        admitted += 1
        return nil
    }

    /// Whether robots.txt lets the crawler fetch `url`; true until the
    /// rules are known (or when they are not obeyed).
    func allows(_ url: String) -> Bool {
        guard case .known(let rules) = robots, !rules.rules.isEmpty else { return true }
        guard let parsed = WebURL(url) else { return true }
        return rules.isAllowed(parsed)
    }
}
