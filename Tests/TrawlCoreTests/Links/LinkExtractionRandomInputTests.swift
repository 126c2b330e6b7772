import Testing
import TrawlCore
import TrawlExtract
import TrawlURL

/// Seeded random pages through the crawler's link pipeline, libxml2's SAX
/// extraction then `ResolvedLinks`: nothing crashes, every link that
/// survives is an http(s) dedup key, and tag soup built of whole tags gives
/// back exactly the links planted in it, whatever the markup around them.
/// Scripts/fuzz.sh runs the same pipeline under libFuzzer, unbounded.
@Suite(.timeLimit(.minutes(1)))
struct LinkExtractionRandomInputTests {
    private static let documentURL = WebURL("http://h.trawl.test/dir/page.html?q=1#top")!

    /// Content types a server may send, charset or not: every decoder
    /// family, a label WHATWG knows but nobody decodes, and junk.
    private static let contentTypes: [String?] = [
        nil, "text/html", "text/html; charset=utf-8", "text/html;charset=\"windows-1252\"", "text/html; charset=koi8-r",
        "text/html; charset=shift_jis", "text/html; charset=euc-jp", "text/html; charset=iso-2022-jp",
        "text/html; charset=gb18030", "text/html; charset=big5", "text/html; charset=utf-16le",
        "text/html; charset=utf-16be", "text/html; charset=x-user-defined", "text/html; charset=nonsense",
    ]

    /// Pieces of HTML (and of things that are not), so random bytes reach
    /// the tokenizer's states rather than stopping at the first "<".
    private static let byteFragments: [[UInt8]] = [
        "<", ">", "</", "/>", "<a href=", "<area href=\"", "<base href='", "<meta charset=", "<meta name=robots content=",
        "nofollow", "\"", "'", "=", " ", "\n", "&", "&amp;", "&#", "x", ";", "<!--", "-->", "<script>", "</script>",
        "<title>", "<![CDATA[", "<?xml", "<!DOCTYPE", "http://", "//", "/", "?", "#", "%", "%2e", "..", "javascript:", "é",
        "日本", "\u{0}",
    ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0x80], [0xC3], [0x1B, 0x24, 0x42]]

    @Test func randomBytesNeverCrashAndOnlyHTTPLinksSurviveResolution() {
        var random = SeededGenerator(seed: 3986)
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0..<120, using: &random) {
                if Bool.random(using: &random) {
                    bytes += Self.byteFragments.randomElement(using: &random)!
                } else {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                }
            }
            let contentType = Self.contentTypes.randomElement(using: &random)!
            let page = HTMLExtractor.extract(bytes, contentType: contentType)
            #expect(page == HTMLExtractor.extract(bytes, contentType: contentType))
            Self.expectResolvedLinksAreDedupKeys(page)
        }
    }

    @Test func tagSoupYieldsExactlyThePlantedLinks() {
        var random = SeededGenerator(seed: 1866)
        for _ in 0..<500 {
            var soup = TagSoup(TagSoup.Encoding.allCases.randomElement(using: &random)!)
            for _ in 0..<Int.random(in: 0..<80, using: &random) { soup.addRandomPiece(using: &random) }
            let (bytes, contentType) = soup.served
            let page = HTMLExtractor.extract(bytes, contentType: contentType)
            let context = Comment(rawValue: "\(soup.encoding): \(soup.html)")
            #expect(page.links == soup.links, context)
            #expect(page.baseHref == soup.baseHref, context)
            #expect(page.robots.contains(.nofollow) == soup.metaNofollow, context)
            let resolved = Self.expectResolvedLinksAreDedupKeys(page)
            // Every planted href is a valid relative or absolute http URL:
            // none may be dropped, only merged with its duplicates.
            let base = soup.baseHref.flatMap { WebURL($0, base: Self.documentURL) }.flatMap { $0.isHTTP ? $0 : nil }
                ?? Self.documentURL
            let distinct = Set(soup.links.map { WebURL($0.href, base: base)!.normalizedForCrawl() })
            #expect(resolved.links.count == distinct.count, context)
        }
    }

    /// Elements nested 10,000 deep, closed or never closed: the link at the
    /// bottom and the one after them are both found, in time.
    @Test(arguments: ["div", "span", "a", "table", "ul", "font"], [true, false])
    func deepNestingKeepsTheLinksInsideAndAfter(element: String, closed: Bool) {
        let depth = 10_000
        let open = element == "a" ? "<a href=/n>" : "<\(element)>"
        var html = String(repeating: open, count: depth) + "<a href=/deep>deep</a>"
        if closed { html += String(repeating: "</\(element)>", count: depth) }
        html += "<p><a href=/after>after</a>"
        let page = HTMLExtractor.extract(Array(html.utf8), contentType: "text/html; charset=utf-8")
        let nested = element == "a" ? Array(repeating: "/n", count: depth) : []
        #expect(page.links.map(\.href) == nested + ["/deep", "/after"])
    }

    /// What must hold for any page: the resolved links are distinct http(s)
    /// dedup keys, at most one per href, each a fixed point of parsing and
    /// normalization, and none followed on a nofollow page.
    @discardableResult
    private static func expectResolvedLinksAreDedupKeys(_ page: ExtractedPage) -> ResolvedLinks {
        let resolved = ResolvedLinks(page: page, documentURL: documentURL)
        #expect(resolved.links.count <= page.links.count)
        #expect(Set(resolved.links.map(\.url)).count == resolved.links.count)
        for link in resolved.links {
            #expect(link.url.isHTTP, "\(link.url)")
            #expect(link.url.fragment == nil, "\(link.url)")
            #expect(link.url.normalizedForCrawl() == link.url, "\(link.url)")
            #expect(WebURL(link.url.href) == link.url, "\(link.url)")
            if page.robots.contains(.nofollow) { #expect(!link.follow, "\(link.url)") }
        }
        return resolved
    }
}
