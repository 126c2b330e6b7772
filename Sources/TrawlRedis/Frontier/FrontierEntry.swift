/// A URL for the shared frontier, as `RedisFrontierStore.add` takes it.
public struct FrontierEntry: Hashable, Sendable {
    public var url: String
    /// Scheme, host and port (`https://example.com`): the politeness unit,
    /// and what picks the partition.
    public var hostKey: String
    public var depth: Int
    public var referrer: String?
    /// The URL's 64-bit fingerprint; equal fingerprints are one URL.
    public var fingerprint: Int64

    public init(url: String, hostKey: String, depth: Int, referrer: String? = nil, fingerprint: Int64) {
        self.url = url
        self.hostKey = hostKey
        self.depth = depth
        self.referrer = referrer
        self.fingerprint = fingerprint
    }
}
