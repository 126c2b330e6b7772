/// The politeness and layout choices of one crawl's frontier.
public struct FrontierPolicy: Hashable, Sendable {
    /// Fetch each new host's robots.txt before its pages.
    public var obeyRobots: Bool
    /// The in-flight cap a new host starts with.
    public var maxPerHost: Int
    /// The least time between two fetches of one host, ms (a host's
    /// Crawl-delay may lengthen it).
    public var delayMs: Int64
    /// Seen-set buckets per partition, a power of two; keep the mean
    /// members per bucket under 512 so every bucket stays an intset.
    public var bucketsPerPartition: Int
    /// The most leases one item gets (expired or retried ones count);
    /// then it goes to its partition's dead list. 0: no limit.
    public var maxAttempts: Int
    /// Per-host admission caps, counted cluster-wide by the add script
    /// (nil: none): URLs per host, queries per host and path, URLs per
    /// digit shape of their path.
    public var maxPagesPerHost: Int?
    public var maxQueryVariants: Int?
    public var maxPathVariants: Int?

    public init(obeyRobots: Bool = true, maxPerHost: Int = 1, delayMs: Int64 = 0, bucketsPerPartition: Int = 1024,
                maxAttempts: Int = 5, maxPagesPerHost: Int? = nil, maxQueryVariants: Int? = nil,
                maxPathVariants: Int? = nil) {
        precondition(bucketsPerPartition > 0 && bucketsPerPartition & (bucketsPerPartition - 1) == 0,
                     "bucketsPerPartition must be a power of two, not \(bucketsPerPartition)")
        self.obeyRobots = obeyRobots
        self.maxPerHost = maxPerHost
        self.delayMs = delayMs
        self.bucketsPerPartition = bucketsPerPartition
        self.maxAttempts = maxAttempts
        self.maxPagesPerHost = maxPagesPerHost
        self.maxQueryVariants = maxQueryVariants
        self.maxPathVariants = maxPathVariants
    }
}
