/// The knobs of a generated web. Everything about the web is a function of
/// these values, so two webs with equal configs are byte-identical.
public struct SyntheticWebConfig: Sendable, Hashable {
    public var seed: UInt64 = 1
    /// Hosts `h0.trawl.test` … `h{hosts-1}.trawl.test`.
    public var hosts: Int = 5
    /// Page 0 is `/`, page i > 0 is `/page/i`; all are reachable from `/`.
    public var pagesPerHost: Int = 100
    /// Mean number of `<a href>` per page: tree links plus links drawn from a
    /// capped power law (Pareto, alpha 2, cap 8× the mean).
    public var meanOutDegree: Double = 8
    /// Share of drawn links that point at another host's page.
    public var crossHostShare: Double = 0.1
    /// Approximate body size in bytes; pages with many links can exceed it.
    public var pageSize: Int = 4096
    public var latency: LatencyDistribution = .fixed(.zero)
    /// Levels of `<div>` wrapped around everything after the `<h1>`: deep
    /// trees make parsing cost more, as on real sites built of nested
    /// layout blocks. 0 (the default) adds none.
    public var nesting: Int = 0
    /// `.hostile` adds trap pages to every host; see `SyntheticWeb.hostileTraps()`.
    public var profile: Profile = .normal

    public init() {}
}

extension SyntheticWebConfig {
    /// What a generated web serves besides its pages.
    public enum Profile: String, Sendable, Hashable, CaseIterable {
        /// Only the generated pages: the web is byte-identical to one made
        /// before profiles existed.
        case normal
        /// The same pages, links and truth, and in addition on every host:
        /// a `robots.txt` (by host index, see `RobotsVariant`), a private
        /// page, and trap pages under `/trap/` linked from the host's root
        /// page: redirect chains and loops, slow, huge, lying and broken
        /// bodies, a gzip bomb, hostile HTML and charsets, an endless
        /// calendar and retry statuses.
        case hostile
    }
}
