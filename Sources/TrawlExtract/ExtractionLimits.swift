/// Bounds on what one page may cost the extractor, whatever its bytes.
///
/// No real page comes near them; a page that does is cut down and marked
/// `ExtractedPage.parseLimited`, so a crawl can count it.
public struct ExtractionLimits: Sendable, Equatable {
    /// Start-tag attributes passed to libxml2; the rest of such a tag, up to
    /// its `>`, is dropped before libxml2 sees it.
    ///
    /// libxml2 2.9.14 compares each attribute of a tag with every earlier
    /// one, so a tag costs the square of its attributes: 60,000 cost 4.2 s.
    /// At 128 a tag costs at most 8,128 comparisons (~20 µs), and 10 MB of
    /// such tags 0.3 s (1 s at 256). No tag of 48,841 documentation pages
    /// had more than 12; framework-generated markup reaches a few dozen.
    public var maxAttributesPerTag: Int
    /// UTF-8 bytes of the title kept, cut at a character boundary.
    ///
    /// A tab shows ~30 characters and a search result ~60; 1 KiB is over a
    /// thousand ASCII characters or ~340 CJK ones, yet 150 pages with 1 MB
    /// titles cost 150 KB instead of 150 MB.
    public var maxTitleBytes: Int
    /// Thread CPU time after which libxml2 is stopped mid-page: a backstop
    /// for its other superlinear paths (deep nesting with unmatched end
    /// tags: 700 KB cost 24 s), checked between its SAX events and errors.
    /// A 10 MB page of ordinary markup parses in about 0.15 s.
    public var maxParseTime: Duration

    public init(maxAttributesPerTag: Int = 128, maxTitleBytes: Int = 1024, maxParseTime: Duration = .seconds(1)) {
        self.maxAttributesPerTag = max(maxAttributesPerTag, 1)
        self.maxTitleBytes = max(maxTitleBytes, 0)
        self.maxParseTime = maxParseTime
    }

    /// No bound at all (the guard off, titles whole, no deadline): for
    /// measuring what the bounds cost, never for crawling.
    public static let unbounded = ExtractionLimits(
        maxAttributesPerTag: .max, maxTitleBytes: .max, maxParseTime: .seconds(Int64.max / 2))
}
