/// The rules one crawler obeys on one host: the groups of a robots.txt that
/// name its product token (or the `*` groups), merged and pre-sorted.
///
/// Make it once per host and agent with `RobotsTxt.rules(for:)`; after that
/// `isAllowed(path:)` does no group lookup and, for ordinary path lengths,
/// no heap allocation.
public struct RobotsRules: Sendable, Equatable {
    /// Most specific first, and at equal specificity `allow` first, so the
    /// first rule that matches decides: RFC 9309 §2.2.2's longest match, with
    /// allow winning a tie.
    public let rules: [RobotsRule]
    /// Seconds between requests the site asked for (non-standard), if any.
    public let crawlDelay: Double?

    public init(rules: [RobotsRule], crawlDelay: Double? = nil) {
        self.rules = rules.sorted { a, b in
            a.specificity != b.specificity ? a.specificity > b.specificity : a.kind == .allow && b.kind == .disallow
        }
        self.crawlDelay = crawlDelay
    }

    /// No rules: a 4xx for robots.txt, or a file with nothing for this agent.
    public static let allowAll = RobotsRules(rules: [])
    /// Everything but /robots.txt: a 5xx or an unreachable server.
    public static let disallowAll = RobotsRules(rules: [RobotsRule(.disallow, pattern: "/")!])

    /// Whether the crawler may fetch `path`: a URL's path plus `?query`,
    /// percent-encoded or not ("/a b" and "/a%20b" are the same path). A
    /// missing leading "/" is supplied; a "#fragment" is ignored.
    public func isAllowed(path: String) -> Bool {
        RobotsPathEncoding.withCanonicalPath(path) { path in
            // RFC 9309 §2.2.2: "The /robots.txt URI is implicitly allowed."
            if Self.isRobotsTxt(path) { return true }
            return firstMatch(path)?.kind != .disallow
        }
    }

    /// The rule that decides `path`, nil when none matches (then the path
    /// is allowed). Ignores the /robots.txt exemption: this is the matching
    /// alone, for explaining a decision.
    public func decidingRule(forPath path: String) -> RobotsRule? {
        RobotsPathEncoding.withCanonicalPath(path) { firstMatch($0) }
    }

    private func firstMatch(_ path: UnsafeBufferPointer<UInt8>) -> RobotsRule? {
        for rule in rules where rule.matches(path) { return rule }
        return nil
    }

    /// "/robots.txt" exactly, with or without a query.
    private static func isRobotsTxt(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = "/robots.txt".utf8
        guard path.count >= name.count, path.starts(with: name) else { return false }
        return path.count == name.count || path[name.count] == RobotsByte.question
    }
}
