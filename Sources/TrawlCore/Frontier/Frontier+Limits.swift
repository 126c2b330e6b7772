extension Frontier {
    /// Codable so that `--mode processes` hands each worker the whole value.
    public struct Limits: Sendable, Equatable, Codable {
        public var maxDepth: Int?
        public var maxPages: Int?
        public var perHost: Int
        /// Fetch each host's /robots.txt before its first page and obey it.
        public var obeyRobots: Bool
        /// Least time between the starts of two requests to one host
        /// (`--delay`); a host's Crawl-delay can raise it.
        public var delay: Duration
        /// A Crawl-delay above this is cut to it: a robots.txt must not be
        /// able to stall a crawl for hours per page.
        public var maxCrawlDelay: Duration
        /// URLs admitted per host at most (`--max-pages-per-host`): the
        /// first found, shallowest first.
        public var maxPagesPerHost: Int?
        /// Distinct queries admitted per host and path (`?page=1`,
        /// `?page=2`, …): the guard against query-string explosions.
        public var maxQueryVariants: Int?
        /// Path segments at most (`--max-path-segments`): a trap that adds
        /// a segment per link (`/a/b/c/…`) ends here.
        public var maxPathSegments: Int?
        /// Times a run of segments may repeat in a row (`--max-path-repeats`):
        /// `/a/b/a/b/a/b/` is a relative link resolved against itself.
        public var maxPathRepeats: Int?
        /// URLs per host whose paths differ only in digits
        /// (`--max-path-variants`): a path-based calendar or counter.
        public var maxPathVariants: Int?
        /// Refuse the Fetch Standard's bad ports (seeds excepted).
        public var refuseBadPorts: Bool

        public init(maxDepth: Int? = nil, maxPages: Int? = nil, perHost: Int = 8, obeyRobots: Bool = false,
                    delay: Duration = .zero, maxCrawlDelay: Duration = .seconds(30), maxPagesPerHost: Int? = nil,
                    maxQueryVariants: Int? = nil, maxPathSegments: Int? = nil, maxPathRepeats: Int? = nil,
                    maxPathVariants: Int? = nil, refuseBadPorts: Bool = false) {
            self.maxDepth = maxDepth
            self.maxPages = maxPages
            self.perHost = max(1, perHost)
            self.obeyRobots = obeyRobots
            self.delay = delay
            self.maxCrawlDelay = maxCrawlDelay
            self.maxPagesPerHost = maxPagesPerHost
            self.maxQueryVariants = maxQueryVariants
            self.maxPathSegments = maxPathSegments
            self.maxPathRepeats = maxPathRepeats
            self.maxPathVariants = maxPathVariants
            self.refuseBadPorts = refuseBadPorts
        }
    }
}
