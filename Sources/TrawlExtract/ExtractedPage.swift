/// What a crawler needs from one HTML page, as plain Swift values.
public struct ExtractedPage: Sendable, Equatable {
    /// `<a href>` and `<area href>` in document order, duplicates kept: the
    /// caller deduplicates after resolving them against `baseHref`.
    public var links: [ExtractedLink]
    /// The `href` of the first `<base>` that has one, trimmed.
    public var baseHref: String?
    /// The text of the first `<title>`, whitespace collapsed and trimmed,
    /// cut to `ExtractionLimits.maxTitleBytes` at a character boundary.
    public var title: String?
    /// The length in UTF-8 bytes of the whole title (collapsed and trimmed
    /// like `title`), counted without being kept; greater than
    /// `title.utf8.count` when the title was cut. Nil when `title` is.
    public var titleLength: Int?
    /// The union of every `<meta name="robots">` on the page.
    public var robots: MetaRobots
    /// The lower-case WHATWG name of the encoding the bytes were decoded
    /// with, e.g. "utf-8" or "windows-1252".
    public var encoding: String
    /// Whether a limit of `ExtractionLimits` changed what was parsed: a
    /// start tag was cut down to its first attributes (the rest of the page
    /// is read), or the parse was stopped at its CPU deadline (links after
    /// that point are missing). A cut title does not count: see
    /// `titleLength`.
    public var parseLimited: Bool

    public init(
        links: [ExtractedLink] = [],
        baseHref: String? = nil,
        title: String? = nil,
        titleLength: Int? = nil,
        robots: MetaRobots = [],
        encoding: String,
        parseLimited: Bool = false
    ) {
        self.links = links
        self.baseHref = baseHref
        self.title = title
        self.titleLength = titleLength ?? title?.utf8.count
        self.robots = robots
        self.encoding = encoding
        self.parseLimited = parseLimited
    }
}
