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
    /// Why its robots.txt could not be read, when that is why it
    /// disallows everything: its pages say so instead of "disallowed".
    var robotsUnavailable: String?
    /// Time between the starts of two requests: `--delay`, raised by the
    /// host's Crawl-delay.
    var delay: Duration
    /// The earliest time (since the crawl began) its next request may start.
    var nextStart: Duration = .zero
    /// URLs admitted so far, for `maxPagesPerHost`.
    var admitted = 0
    /// Queries admitted per path, for `maxQueryVariants`.
    var queryVariants: [Substring: Int] = [:]
    /// URLs admitted per digit shape of their path, for `maxPathVariants`.
    var pathVariants: [String: Int] = [:]

    init(key: String, delay: Duration) {
        self.key = key
        self.delay = delay
    }

    /// Counts `url` in if the host's limits allow it; else says which
    /// limit refused it. (A URL beyond --max-depth never gets here.) The
    /// path trap rules spare seeds (`depth` 0): the user named them.
    mutating func admit(_ url: String, depth: Int, limits: Frontier.Limits) -> Refusal? {
        if let cap = limits.maxPagesPerHost, admitted >= cap { return .maxPagesPerHost }
        let path = PathTrapRules.path(of: url)
        if depth > 0 {
            if limits.refuseBadPorts && BadPorts.contains(hostKey: key) { return .badPort }
            if let cap = limits.maxPathSegments, PathTrapRules.segmentCount(path) > cap { return .maxPathSegments }
            if let cap = limits.maxPathRepeats, PathTrapRules.hasRepeatedRun(path, maxRepeats: cap) { return .pathRepeats }
        }
        // Checked before they count the URL in, so a refusal by one
        // limit uses up no room under another.
        var queryKey: Substring?
        if let cap = limits.maxQueryVariants, let question = url.firstIndex(of: "?") {
            queryKey = url[..<question]
            if queryVariants[queryKey!, default: 0] >= cap { return .maxQueryVariants }
        }
        var shape: String?
        if let cap = limits.maxPathVariants, let digits = PathTrapRules.digitShape(path) {
            shape = digits
            if pathVariants[digits, default: 0] >= cap, depth > 0 { return .maxPathVariants }
        }
        if let queryKey { queryVariants[queryKey, default: 0] += 1 }
        if let shape { pathVariants[shape, default: 0] += 1 }
        admitted += 1
        return nil
    }

    /// The rule that refuses a redirect hop to `url`: the checks of
    /// `admit` that a hop can fail, without counting it in. The page
    /// budget is not one of them (the chain's first URL was admitted).
    func refusal(ofRedirectTo url: String, limits: Frontier.Limits) -> Refusal? {
        let path = PathTrapRules.path(of: url)
        if limits.refuseBadPorts && BadPorts.contains(hostKey: key) { return .badPort }
        if let cap = limits.maxPathSegments, PathTrapRules.segmentCount(path) > cap { return .maxPathSegments }
        if let cap = limits.maxPathRepeats, PathTrapRules.hasRepeatedRun(path, maxRepeats: cap) { return .pathRepeats }
        if let cap = limits.maxQueryVariants, let question = url.firstIndex(of: "?"),
           queryVariants[url[..<question], default: 0] >= cap {
            return .maxQueryVariants
        }
        if let cap = limits.maxPathVariants, let digits = PathTrapRules.digitShape(path),
           pathVariants[digits, default: 0] >= cap {
            return .maxPathVariants
        }
        return nil
    }

    /// What robots.txt says of `url`: allowed until the rules are known
    /// (or when they are not obeyed).
    func verdict(_ url: String) -> RobotsVerdict {
        guard case .known(let rules) = robots, !rules.rules.isEmpty else { return .allowed }
        guard let parsed = WebURL(url) else { return .allowed }
        return rules.verdict(parsed)
    }
}
