/// A URL the crawl tried that failed (a 4xx/5xx status or an error class),
/// with the pages that link or redirect to it.
public struct BrokenLink: Sendable, Equatable {
    public let url: String
    public let status: Int?
    public let errorClass: String?
    /// Byte-wise URL order.
    public let referrers: [String]

    /// What went wrong, in a word: the status, else the error class.
    public var reason: String { status.map(String.init) ?? errorClass ?? "" }
}
