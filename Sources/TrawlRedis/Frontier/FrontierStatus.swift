/// The frontier's counters, summed over all partitions.
public struct FrontierStatus: Hashable, Sendable {
    public var pending: Int64
    public var inFlight: Int64
    public var done: Int64
    /// Items given up on after `FrontierPolicy.maxAttempts` leases.
    public var dead: Int64
    public var readyHosts: Int64
    public var leased: Int64
    /// Each partition's change counter, by partition.
    public var versions: [Int64]
    /// Distinct URLs refused, by the limit's flag name (`max-depth`, …).
    public var refused: [String: Int64] = [:]
}
