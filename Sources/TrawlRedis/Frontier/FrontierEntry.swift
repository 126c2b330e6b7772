/// A URL for the shared frontier, as `RedisFrontierStore.add` takes it.
public struct FrontierEntry: Hashable, Sendable {
    /// How the add script treats the URL once it is new to the seen set.
    public enum Admission: Hashable, Sendable {
        /// Queue it if its host's caps allow (`FrontierPolicy`'s per-host
        /// limits): `queryKey` is what it counts under for
        /// `maxQueryVariants` (the URL before its `?`), `shapeKey` for
        /// `maxPathVariants` (its path's digit shape); nil counts under none.
        case admit(queryKey: String?, shapeKey: String?)
        /// A rule the worker checked alone refuses it (the rule's name):
        /// it is marked seen and counted once under that name, unless its
        /// host is at `maxPagesPerHost`, which is checked first, as one
        /// process checks it first.
        case refused(String)
        /// A redirect hop: queued past the per-host caps (the chain's first
        /// URL was admitted), carrying `payload` to its lease. Its
        /// fingerprint is the hop's (chain and step), not the URL's, so a
        /// chain re-fetched after a lost lease hands on its hop once.
        case hop(payload: String)
    }

    public var url: String
    /// Scheme, host and port (`https://example.com`): the politeness unit,
    /// and what picks the partition.
    public var hostKey: String
    public var depth: Int
    public var referrer: String?
    /// The URL's 64-bit fingerprint; equal fingerprints are one URL.
    public var fingerprint: Int64
    public var admission: Admission

    public init(url: String, hostKey: String, depth: Int, referrer: String? = nil, fingerprint: Int64,
                admission: Admission = .admit(queryKey: nil, shapeKey: nil)) {
        self.url = url
        self.hostKey = hostKey
        self.depth = depth
        self.referrer = referrer
        self.fingerprint = fingerprint
        self.admission = admission
    }
}
