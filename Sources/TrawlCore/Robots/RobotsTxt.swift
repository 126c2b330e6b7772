/// A parsed robots.txt (RFC 9309), with the de-facto behaviour of Google's
/// open-source parser where the standard leaves room.
///
/// Parsing never fails: lines that do not parse are skipped, and only the
/// first 500 KiB are read. Pure state: fetching is the caller's business
/// (see `RobotsFetchOutcome` for what each HTTP outcome means).
///
/// A crawler asks once per host for `rules(for:)` and then checks every URL
/// against those `RobotsRules`; `isAllowed(path:userAgent:)` is the one-off
/// form that repeats the group selection on each call.
public struct RobotsTxt: Sendable, Equatable {
    let groups: [RobotsGroup]
    /// Every `sitemap:` value, in file order, wherever it stood.
    public let sitemaps: [String]

    public init(parsing bytes: some Collection<UInt8>) {
        var parser = RobotsParser()
        parser.parse(bytes)
        groups = parser.groups
        sitemaps = parser.sitemaps
    }

    public init(_ text: String) {
        self.init(parsing: text.utf8)
    }

    /// The merged rules of every group naming the crawler's product token
    /// (the User-Agent text before the first "/" or space, compared without
    /// case); failing that, of every `*` group; failing that, none
    /// (RFC 9309 §2.2.1). A group that names the crawler but has no rules
    /// still counts: it allows everything, whatever `*` says.
    public func rules(for userAgent: String) -> RobotsRules {
        let token = RobotsProductToken.ofCrawler(userAgent)
        var chosen = token.isEmpty ? [] : groups.filter { $0.agents.contains(token) }
        if chosen.isEmpty { chosen = groups.filter(\.namesEveryAgent) }
        return RobotsRules(rules: chosen.flatMap(\.rules), crawlDelay: chosen.compactMap(\.crawlDelay).max())
    }

    /// Whether `userAgent` may fetch `path` (path plus `?query`).
    public func isAllowed(path: String, userAgent: String) -> Bool {
        rules(for: userAgent).isAllowed(path: path)
    }

    /// The crawl-delay in seconds for `userAgent`'s groups: the largest
    /// valid value among them, nil when they set none.
    public func crawlDelay(userAgent: String) -> Double? {
        rules(for: userAgent).crawlDelay
    }
}
