/// One page of a hand-written web, for tests that need an exact small graph.
///
/// A 200 page is served as HTML whose only links are `links`, written as given
/// (absolute). A 3xx page is served with `Location: location`; any other
/// status with a short plain-text body.
public struct HandWrittenPage: Sendable, Hashable {
    /// Absolute and canonical, e.g. `http://a.test/x`.
    public var url: String
    /// Absolute, canonical targets, in document order; duplicates are kept in
    /// the body (the truth lists each distinct target once).
    public var links: [String]
    public var status: Int
    public var latency: Duration
    public var location: String?

    public init(
        url: String, links: [String] = [], status: Int = 200, latency: Duration = .zero, location: String? = nil
    ) {
        self.url = url
        self.links = links
        self.status = status
        self.latency = latency
        self.location = location
    }
}
