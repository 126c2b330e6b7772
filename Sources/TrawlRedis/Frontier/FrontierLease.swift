/// One item a worker holds until it completes it or the lease expires.
public struct FrontierLease: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case page
        /// Fetch `hostKey/robots.txt`; the host waits for its completion.
        case robots
    }

    /// The fencing token: unique in its partition, never reused.
    public var id: Int64
    public var partition: Int
    public var url: String
    public var hostKey: String
    public var depth: Int
    public var referrer: String?
    /// 0 the first time; +1 each time the item came back (reaped or retried).
    public var attempt: Int
    public var kind: Kind
    /// The host's stored robots rules, once its robots job completed.
    public var robotsRules: [UInt8]?
    /// When the lease runs out, in Redis TIME milliseconds (unless extended).
    public var expiresAtMs: Int64
    /// Set when the item is a redirect hop: what the worker that handed
    /// the chain on stored with it (`FrontierEntry.Admission.hop`).
    public var hopPayload: String? = nil
}
