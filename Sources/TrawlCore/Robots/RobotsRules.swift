/// The rules one crawler obeys on one host: the groups of a robots.txt that
/// name its product token (or the `*` groups), merged, deduplicated and
/// pre-sorted.
///
/// Make it once per host and agent with `RobotsTxt.rules(for:)`; after that
/// `isAllowed(path:)` does no group lookup and, for ordinary path lengths,
/// no heap allocation. Each check costs at most `workBudget` bytes
/// examined, however hostile the file (see `verdict(path:)`).
public struct RobotsRules: Sendable, Equatable {
    /// Most specific first, and at equal specificity `allow` first, so the
    /// first rule that matches decides: RFC 9309 §2.2.2's longest match, with
    /// allow winning a tie. Each distinct rule once.
    public let rules: [RobotsRule]
    /// Seconds between requests the site asked for (non-standard), if any.
    public let crawlDelay: Double?
    private let table: RobotsRuleTable

    public init(rules: [RobotsRule], crawlDelay: Double? = nil) {
        // A repeated rule can never decide anything its first copy does not.
        var seen = Set<RobotsRule>()
        let distinct = rules.filter { seen.insert($0).inserted }
        self.rules = distinct.sorted { a, b in
            a.specificity != b.specificity ? a.specificity > b.specificity : a.kind == .allow && b.kind == .disallow
        }
        self.crawlDelay = crawlDelay
        table = RobotsRuleTable(self.rules)
    }

    /// No rules: a 4xx for robots.txt, or a file with nothing for this agent.
    public static let allowAll = RobotsRules(rules: [])
    /// Everything but /robots.txt: a 5xx or an unreachable server.
    public static let disallowAll = RobotsRules(rules: [RobotsRule(.disallow, pattern: "/")!])

    /// Whether the crawler may fetch `path`: a URL's path plus `?query`,
    /// percent-encoded or not ("/a b" and "/a%20b" are the same path). A
    /// missing leading "/" is supplied; a "#fragment" is ignored. A path
    /// too costly to decide is not allowed; `verdict(path:)` tells it apart.
    public func isAllowed(path: String) -> Bool {
        verdict(path: path).isAllowed
    }

    /// The rule that decides `path`, nil when none matches (then the path
    /// is allowed). Ignores the /robots.txt exemption and the work budget:
    /// this is the matching alone, for explaining a decision.
    public func decidingRule(forPath path: String) -> RobotsRule? {
        RobotsPathEncoding.withCanonicalPath(path) { table.decidingIndex($0).map { rules[$0] } }
    }

    public static func == (a: RobotsRules, b: RobotsRules) -> Bool {
        a.rules == b.rules && a.crawlDelay == b.crawlDelay
    }

    /// The verdict on a canonical path within `budget`, the /robots.txt
    /// exemption included.
    func evaluate(canonical path: UnsafeBufferPointer<UInt8>, budget: Int) -> RobotsEvaluation {
        // RFC 9309 §2.2.2: "The /robots.txt URI is implicitly allowed."
        if Self.isRobotsTxt(path) { return RobotsEvaluation(verdict: .allowed, bytesExamined: 0) }
        return table.decide(path, budget: budget)
    }

    /// "/robots.txt" exactly, with or without a query.
    private static func isRobotsTxt(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = "/robots.txt".utf8
        guard path.count >= name.count, path.starts(with: name) else { return false }
        return path.count == name.count || path[name.count] == RobotsByte.question
    }
}
