extension RobotsRules {
    /// The most work one URL's check may take: 2^18 units of
    /// `RobotsWorkMeter` (a byte of path or pattern read, or a rule looked
    /// at). Past it, a path that some untried disallow rule might match is
    /// `.tooCostlyToEvaluate`.
    ///
    /// Why this size (release build, this project's 2-core VM, measured with
    /// `scripts/bench-robots.sh` on the files of `RobotsTxtSpecimen`):
    /// - Hostile files cannot take long. The slowest work per unit, a KMP
    ///   scan of an 8 KiB path of `a`s for `aaaa…ab` or `aXYZ`, ran at
    ///   1.2–1.3 ns per unit on a quiet machine, so a whole budget costs
    ///   ~0.3 ms (0.4–0.55 ms while other VMs loaded the host). A rule
    ///   costs one unit but takes 3–5 ns to look at; 500 KiB hold at most
    ///   ~51,000 distinct rules (`allow:abc` lines): 0.16–0.27 ms. Before
    ///   issue 19 one such URL took 0.5–3.5 s.
    /// - Real files never reach it. Most rules are literal prefixes that
    ///   differ from a path within a few bytes; what costs is a rule with a
    ///   wildcard near its start, which may read the whole path once. A
    ///   1,000-rule file with 50 wildcard rules (an encyclopedia's
    ///   namespaces plus a shop's faceted navigation) checked against a
    ///   2 KiB URL that none of them matches uses 85,371 units, a third of
    ///   the budget, in 33–70 µs: a 1,000-rule file would need some 120
    ///   rules that begin with a wildcard, none of them found in a 2 KiB
    ///   URL, to reach it. (Shopify's default file has fewer than 20.)
    public static let workBudget = 1 << 18

    /// RFC 9309's verdict on `path` (a URL's path plus `?query`, as for
    /// `isAllowed(path:)`), or `.tooCostlyToEvaluate` when deciding would
    /// take more than `workBudget`.
    public func verdict(path: String) -> RobotsVerdict {
        evaluate(path: path).verdict
    }

    /// The verdict and the work it took.
    public func evaluate(path: String) -> RobotsEvaluation {
        RobotsPathEncoding.withCanonicalPath(path) { evaluate(canonical: $0, budget: Self.workBudget) }
    }
}
