/// The frontier's counters, summed over all partitions.
public struct FrontierStatus: Hashable, Sendable {
    public var pending: Int64
    public var inFlight: Int64
    public var done: Int64
    /// Items given up on after `FrontierPolicy.maxAttempts` leases.
    public var dead: Int64
    /// Hosts with queued URLs below their in-flight cap (in `ready`)…
    public var readyHosts: Int64
    /// …of which these may start a fetch now, and these wait out a delay.
    public var hostsDue: Int64 = 0
    public var hostsWaiting: Int64 = 0
    public var leased: Int64
    /// Each partition's change counter, by partition.
    public var versions: [Int64]
    /// Distinct URLs refused, by the limit's flag name (`max-depth`, …).
    public var refused: [String: Int64] = [:]
}
