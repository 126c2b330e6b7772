import Testing
import TrawlExtract

struct HTMLExtractorTests {
    private func extract(_ html: String, contentType: String? = nil) -> ExtractedPage {
        HTMLExtractor.extract(Array(html.utf8), contentType: contentType)
    }

    private func hrefs(_ html: String) -> [String] {
        extract(html).links.map(\.href)
    }

    // MARK: - Links

    @Test func linksFromAnchorsAndAreasComeInDocumentOrderWithDuplicates() {
        let html = """
            <html><body>
            <a href="/one">1</a>
            <map name="m"><area shape="rect" href="/two"><area nohref></map>
            <a name="anchor-without-href">x</a>
            <A HREF="/three">3</A><a href="/one">again</a>
            <link href="/style.css"><img src="/i.png">
            </body></html>
            """
        #expect(extract(html).links == [
            ExtractedLink(href: "/one", nofollow: false),
            ExtractedLink(href: "/two", nofollow: false),
            ExtractedLink(href: "/three", nofollow: false),
            ExtractedLink(href: "/one", nofollow: false),
        ])
    }

    @Test func hrefEntitiesAreDecoded() {
        #expect(hrefs(#"<a href="/search?q=1&amp;page=2&#38;x=&#x2F;">s</a>"#) == ["/search?q=1&page=2&x=/"])
    }

    @Test func whitespaceAroundHrefIsTrimmed() {
        #expect(hrefs("<a href=\"\n\t  /path/to page \r\n\">p</a><a href=\"   \">e</a>") == ["/path/to page", ""])
    }

    @Test func firstBaseWithHrefWins() {
        let html = #"<head><base target="_blank"><base href=" /one/ "><base href="/two/"></head>"#
        #expect(extract(html).baseHref == "/one/")
        #expect(extract("<p>no base</p>").baseHref == nil)
    }

    @Test func relNofollowMarksLinks() {
        let html = """
            <a href="/a" rel="nofollow">a</a>
            <a href="/b" rel="external NoFollow">b</a>
            <a href="/c" rel="nofollowers noopener">c</a>
            <a rel=NOFOLLOW href="/d">d</a>
            """
        #expect(extract(html).links.map(\.nofollow) == [true, true, false, true])
    }

    // MARK: - Title and robots

    @Test func titleWhitespaceIsCollapsedAndEntitiesDecoded() {
        let html = "<head><title>\n  Fish &amp;\n\t Chips &eacute;  </title><title>Second</title></head>"
        #expect(extract(html).title == "Fish & Chips é")
        #expect(extract("<p>untitled</p>").title == nil)
        #expect(extract("<title></title>").title == "")
    }

    @Test(arguments: [
        (#"<meta name="robots" content="noindex">"#, MetaRobots.noindex),
        (#"<meta name="robots" content="NOFOLLOW">"#, MetaRobots.nofollow),
        (#"<meta name="ROBOTS" content="None">"#, [.noindex, .nofollow]),
        (#"<meta name="Robots" content="noindex,nofollow">"#, [.noindex, .nofollow]),
        (#"<meta content="index, follow" name="robots">"#, []),
        (#"<meta name="googlebot" content="noindex">"#, []),
        (#"<meta name="robots" content="noarchive, NoIndex"><meta name="robots" content="nofollow">"#,
         [.noindex, .nofollow]),
    ] as [(String, MetaRobots)])
    func metaRobotsDirectivesAreReadCaseInsensitively(html: String, expected: MetaRobots) {
        #expect(extract("<head>\(html)</head><body><a href=/x>x</a></body>").robots == expected)
    }

    // MARK: - Malformed HTML

    @Test(arguments: [
        // Unclosed tags and a stray end tag.
        ("<div><p><a href=/a>a<div></div></div></div><a href='/b'>b", ["/a", "/b"]),
        // Unquoted attribute values.
        ("<a href=/a?x=1 class=nav>a</a><a class=x href=b.html>b</a>", ["/a?x=1", "b.html"]),
        // Links in table soup.
        ("<table><a href=x>x</a><tr><td><a href=y>y<td><a href=z>z</table>", ["x", "y", "z"]),
        // No <html>, <head> or <body>.
        ("<title>t</title><a href=/only>o</a>", ["/only"]),
        // Content after </html>, and markup inside <script> is not markup.
        ("<html><body><script>document.write('<a href=/no>')</script><a href=/a>a</a></body></html>"
            + "<a href=/after>after</a>", ["/a", "/after"]),
        // Nested anchors.
        ("<a href=/outer><a href=/inner>i</a></a>", ["/outer", "/inner"]),
    ] as [(String, [String])])
    func malformedHTMLStillYieldsLinks(html: String, expected: [String]) {
        #expect(hrefs(html) == expected)
    }

    @Test func documentTruncatedMidTagKeepsEarlierLinksAndDropsTheCutOne() {
        // As in a browser: half a URL is not a link.
        #expect(hrefs(#"<p><a href="/one">1</a><a href="/tw"#) == ["/one"])
        #expect(hrefs(#"<p><a href="/one">1</a><a href="/two""#) == ["/one"])
        #expect(hrefs(#"<p><a href="/one">1</a><a hr"#) == ["/one"])
        #expect(hrefs(#"<p><a href="/one">1</a><a"#) == ["/one"])
        #expect(hrefs(#"<p><a href="/one">1</a><a href="/two">tw"#) == ["/one", "/two"])
        #expect(hrefs(#"<p><a href="/one"/>"#) == ["/one"])
    }

    // MARK: - Encodings

    @Test func undeclaredWindows1252PageDecodesAsWindows1252() {
        let bytes = Array("<title>Caf".utf8) + [0xE9, 0x20, 0x80] + Array("</title><a href=\"/caf".utf8)
            + [0xE9, 0x80] + Array("\">x</a>".utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html")
        #expect(page.encoding == "windows-1252")
        #expect(page.title == "Café €")
        #expect(page.links == [ExtractedLink(href: "/café€", nofollow: false)])
    }

    @Test func iso88591FromHeaderWinsOverMetaAndUTF8LookingBytes() {
        // Ã© in UTF-8 is é, but the header says Latin-1, i.e. windows-1252.
        let bytes = Array(#"<meta charset="utf-8"><title>"#.utf8) + [0xC3, 0xA9]
            + Array(#"</title><a href="/"#.utf8) + [0xE9] + Array(#"">x</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=ISO-8859-1")
        #expect(page.encoding == "windows-1252")
        #expect(page.title == "Ã©")
        #expect(page.links.map(\.href) == ["/é"])
    }

    @Test func laterMetaCharsetDoesNotSwitchTheDecoderMidParse() {
        let padding = String(repeating: "<p>padding</p>", count: 100)
        let html = "\(padding)<meta charset=\"koi8-r\"><a href=\"/é€\">x</a>"
        let page = extract(html, contentType: "text/html; charset=utf-8")
        #expect(page.encoding == "utf-8")
        #expect(page.links.map(\.href) == ["/é€"])
    }

    @Test func shiftJISFromMetaIsDecoded() {
        // 日本 is 93 FA 96 7B; 0x5C stays a backslash as in browsers.
        let bytes = Array(#"<meta charset="shift_jis"><title>"#.utf8) + [0x93, 0xFA, 0x96, 0x7B]
            + Array(#"</title><a href="/"#.utf8) + [0x93, 0xFA, 0x96, 0x7B, 0x5C] + Array(#"">x</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: nil)
        #expect(page.encoding == "shift_jis")
        #expect(page.title == "日本")
        #expect(page.links.map(\.href) == ["/日本\\"])
    }

    @Test func eucJPFromMetaIsDecoded() {
        let bytes = Array(#"<meta http-equiv="content-type" content="text/html; charset=EUC-JP">"#.utf8)
            + Array(#"<a href="/"#.utf8) + [0xC6, 0xFC, 0xCB, 0xDC] + Array(#"">x</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: nil)
        #expect(page.encoding == "euc-jp")
        #expect(page.links.map(\.href) == ["/日本"])
    }

    @Test func byteInvalidInDeclaredEncodingIsSkippedAndParsingContinues() {
        // 0x81 0x22 is not Shift_JIS; iconv stops there, the extractor goes on.
        let bytes = Array(#"<meta charset="shift_jis"><a href="/a"#.utf8) + [0x81]
            + Array(#"">a</a><a href="/b">b</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: nil)
        #expect(page.links.map(\.href).last == "/b")
        #expect(page.links.count == 2)
    }

    @Test func utf8ByteOrderMarkIsHonouredAndSkipped() {
        let bytes = [0xEF, 0xBB, 0xBF] + Array("<title>Ünïcödé</title><a href=\"/ü\">u</a>".utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=windows-1252")
        #expect(page.encoding == "utf-8")
        #expect(page.title == "Ünïcödé")
        #expect(page.links.map(\.href) == ["/ü"])
    }

    @Test func utf16LittleEndianWithByteOrderMarkIsDecoded() {
        let text = "<title>Ωmega</title><a href=\"/ω\">w</a>"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let page = HTMLExtractor.extract(bytes, contentType: nil)
        #expect(page.encoding == "utf-16le")
        #expect(page.title == "Ωmega")
        #expect(page.links.map(\.href) == ["/ω"])
    }

    @Test func declaredUTF8WithInvalidBytesGetsReplacementCharacters() {
        // libxml2 alone would decode the rest of the page as Latin-1.
        let bytes = Array("<a href=\"/a".utf8) + [0xFF] + Array("\">a</a><a href=\"/é\">b</a>".utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=utf-8")
        #expect(page.encoding == "utf-8")
        #expect(page.links.map(\.href) == ["/a\u{FFFD}", "/é"])
    }

    @Test func windows1252PageThatTriplesInUTF8IsParsedToTheEnd() {
        // Every € becomes three bytes: more than libxml2 converts in one push.
        let bytes = Array("<p>".utf8) + [UInt8](repeating: 0x80, count: 100_000)
            + Array("</p><a href=\"/last".utf8) + [0x80] + Array("\">end</a>".utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=windows-1252")
        #expect(page.links.map(\.href) == ["/last€"])
    }

    @Test func thaiPageDecodedThroughIconvIsParsedToTheEnd() {
        // windows-874 Thai letters are one byte each and three in UTF-8.
        let thai: [UInt8] = [0xA1, 0xD2, 0xC3, 0xB7, 0xB4, 0xCA, 0xCD, 0xBA]  // การทดสอบ
        let bytes = Array(#"<meta charset="tis-620"><p>"#.utf8)
            + Array([[UInt8]](repeating: thai, count: 20_000).joined())
            + Array(#"</p><a href="/"#.utf8) + thai + Array(#"">end</a><a href="/b"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: nil)
        #expect(page.encoding == "windows-874")
        #expect(page.links.map(\.href) == ["/การทดสอบ"])
    }

    @Test func unsupportedEncodingFallsBackToWindows1252() {
        let bytes = Array(#"<meta charset="x-user-defined"><a href="/"#.utf8) + [0x80] + Array(#"">x</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=x-user-defined")
        #expect(page.encoding == "windows-1252")
        #expect(page.links.map(\.href) == ["/€"])
    }

    // MARK: - Degenerate input

    @Test func emptyBodyYieldsAnEmptyPage() {
        #expect(HTMLExtractor.extract([], contentType: nil) == ExtractedPage(encoding: "utf-8"))
        #expect(HTMLExtractor.extract([], contentType: "text/html; charset=shift_jis")
            == ExtractedPage(encoding: "shift_jis"))
    }

    @Test func binaryGarbageReturnsWithoutCrashing() {
        var generator = SplitMix64(seed: 0x7472_6177_6C)
        for size in [17, 1024, 65_536] {
            let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let expectations: [(String?, String)] = [
                (nil, "windows-1252"),
                ("text/html; charset=shift_jis", "shift_jis"),
                ("text/html; charset=utf-8", "utf-8"),
                ("text/html; charset=utf-16le", "utf-16le"),
            ]
            for (contentType, encoding) in expectations {
                let page = HTMLExtractor.extract(bytes, contentType: contentType)
                #expect(page.encoding == encoding)
                #expect(page.links == [])
                #expect(page.title == nil)
            }
        }
    }

    @Test func concurrentExtractionsAgree() async {
        let html = Array((0..<200).map { "<div><a href=\"/p\($0)\">\($0)</a></div>" }.joined().utf8)
        let expected = (0..<200).map { ExtractedLink(href: "/p\($0)", nofollow: false) }
        await withTaskGroup(of: [ExtractedLink].self) { group in
            for _ in 0..<32 {
                group.addTask { HTMLExtractor.extract(html, contentType: nil).links }
            }
            for await links in group {
                #expect(links == expected)
            }
        }
    }
}

/// A tiny deterministic generator, so the garbage is the same on every run.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
