/// A snapshot of what a `SyntheticWebServer` has done since it started.
public struct ServerStats: Sendable, Hashable {
    /// Responses written (any status), including 404s for unknown hosts.
    public var requestsServed = 0
    public var connectionsAccepted = 0
    /// Body bytes of the responses written (headers not counted).
    public var bytesSent = 0
    /// Most requests in progress at once (received, response not yet
    /// written: latency included), over all hosts.
    public var peakConcurrentRequests = 0
    /// Requests received per known host (unknown hosts are not listed).
    public var requestsPerHost: [String: Int] = [:]
    /// Most requests in progress at once for each known host: what a
    /// per-host politeness limit must keep low.
    public var peakConcurrentRequestsPerHost: [String: Int] = [:]
    /// Arrival times, relative to the server's start, of the first
    /// `timestampLimit` requests to each known host, in arrival order.
    public var requestTimestamps: [String: [Duration]] = [:]
    /// The path each known host was first asked for: "/robots.txt" for a
    /// crawler that reads the rules before the first page.
    public var firstRequestPath: [String: String] = [:]

    /// Requests received per trap URL of the hostile profile (absolute,
    /// e.g. `http://h0.trawl.test/trap/status/429`): its fixed trap paths,
    /// `/robots.txt` and `/private/1`, but not the endless calendar's months
    /// or the landing pages under `/trap/found/`. Empty in the normal profile.
    public var trapRequests: [String: Int] = [:]

    public static let timestampLimit = 10_000

    public init() {}
}
