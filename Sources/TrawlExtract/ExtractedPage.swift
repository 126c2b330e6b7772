/// What a crawler needs from one HTML page, as plain Swift values.
public struct ExtractedPage: Sendable, Equatable {
    /// `<a href>` and `<area href>` in document order, duplicates kept: the
    /// caller deduplicates after resolving them against `baseHref`.
    public var links: [ExtractedLink]
    /// The `href` of the first `<base>` that has one, trimmed.
    public var baseHref: String?
    /// The text of the first `<title>`, whitespace collapsed and trimmed.
    public var title: String?
    /// The union of every `<meta name="robots">` on the page.
    public var robots: MetaRobots
    /// The lower-case WHATWG name of the encoding the bytes were decoded
    /// with, e.g. "utf-8" or "windows-1252".
    public var encoding: String

    public init(
        links: [ExtractedLink] = [],
        baseHref: String? = nil,
        title: String? = nil,
        robots: MetaRobots = [],
        encoding: String
    ) {
        self.links = links
        self.baseHref = baseHref
        self.title = title
        self.robots = robots
        self.encoding = encoding
    }
}
