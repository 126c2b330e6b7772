import TrawlExtract

/// A random page built of whole tags, broken in every way that keeps tags
/// whole (unclosed and stray elements, odd quoting, entities, markup in
/// comments and scripts), that knows what extraction must find in it: its
/// links in order, its first base href and its meta robots nofollow.
struct TagSoup {
    /// How the page is served: which bytes, and which Content-Type.
    enum Encoding: CaseIterable {
        case utf8Header, utf8Sniffed, utf8ByteOrderMark, utf16LEByteOrderMark, utf16BEByteOrderMark, utf16LEHeader
        case windows1252Header, koi8RHeader, shiftJISHeader, eucJPHeader, gb18030Header

        /// Whether every Unicode href survives the round trip.
        var isUnicode: Bool {
            switch self {
            case .utf8Header, .utf8Sniffed, .utf8ByteOrderMark, .utf16LEByteOrderMark, .utf16BEByteOrderMark, .utf16LEHeader:
                true
            case .windows1252Header, .koi8RHeader, .shiftJISHeader, .eucJPHeader, .gb18030Header:
                false
            }
        }

        /// Whether a header or a byte-order mark decides, so a `<meta
        /// charset>` in the page changes nothing.
        var overridesMeta: Bool { self != .utf8Sniffed }
    }

    let encoding: Encoding
    private(set) var html = ""
    private(set) var links: [ExtractedLink] = []
    private(set) var baseHref: String?
    private(set) var metaNofollow = false

    init(_ encoding: Encoding) {
        self.encoding = encoding
    }

    /// Markup holding no link, base or robots directive.
    private static let filler = [
        "<div>", "</div>", "<p>", "</p>", "<p/>", "<span class=x>", "</span>", "<table>", "<tr>", "<td>", "</td>",
        "</table>", "<ul><li>", "<li>", "</ul>", "<b><i>", "</b>", "</i>", "<form action=/form>", "</form>", "<br>",
        "<br/>", "<hr />", "<img src=/i.png alt='a > b'>", "text ", "a &amp; b &lt;c&gt; ", "&lt;a href=/escaped&gt;",
        "&#60;a href=/numeric&#62;", "<!-- <a href=/commented> -->", "<script>var s = '<a href=/script>';</script>",
        "<style>a[href] { color: red }</style>", "<title>T &amp; t</title>", "<noscript>n</noscript>", "<a>",
        "<a name=anchor>", "</a>", "<area nohref>", "<link href=/style.css rel=stylesheet>",
        "<input value=\"<a href=/value>\">", "<x-custom data-href=/custom>", "<svg><path d='M0 0'/></svg>", "</body>",
        "</html>", "<html>", "<body>", "<head>", "</head>", "<h1 id=\"a'b\">", "</h1>", "<base target=_top>",
        "<meta name=description content=nofollow>", "<meta name=robots content=index>", "</nosuchtag>",
    ]

    /// A link's markup and the value extraction must report for it.
    private typealias Plant = (markup: String, href: String, nofollow: Bool)

    /// Link markup with every quoting and spacing a server writes; `n`
    /// varies the URL, from a small range so that duplicates happen.
    private static let plants: [@Sendable (Int) -> Plant] = [
        { ("<a href=\"/d/\($0)\">d</a>", "/d/\($0)", false) },
        { ("<a href='/s/\($0)'>", "/s/\($0)", false) },
        { ("<a href=/u/\($0)?x=1&y=2>", "/u/\($0)?x=1&y=2", false) },
        { ("<A HREF = \"/sp/\($0)\" >", "/sp/\($0)", false) },
        { ("<a href=\"/q/\($0)?x=1&amp;y=&#50;&#x33;\">", "/q/\($0)?x=1&y=23", false) },
        { ("<a href='/mix/\($0)\"q'>", "/mix/\($0)\"q", false) },
        { ("<a href=\"/ap/\($0)'q\">", "/ap/\($0)'q", false) },
        { ("<a href=\"\n\t /ws/\($0) \r\n\">", "/ws/\($0)", false) },
        { ("<area shape=rect href=/area/\($0)>", "/area/\($0)", false) },
        { ("<a class=x href=\"/first/\($0)\" href=\"/second/\($0)\">", "/first/\($0)", false) },
        { ("<a rel=\"nofollow\" href=/nf/\($0)>", "/nf/\($0)", true) },
        { ("<a href=/rel/\($0) rel='external NOFOLLOW'>", "/rel/\($0)", true) },
        { ("<a\nhref\n=\n\"/nl/\($0)\"\n>", "/nl/\($0)", false) },
        { ("<a href=\"rel/\($0)\">", "rel/\($0)", false) },
        { ("<a href=\"../up/\($0)\">", "../up/\($0)", false) },
        { ("<a href=\"?query=\($0)\">", "?query=\($0)", false) },
        { ("<a href=\"//h.trawl.test/net/\($0)\">", "//h.trawl.test/net/\($0)", false) },
        { ("<a href=\"HTTP://H.TRAWL.TEST:80/abs/\($0)\">", "HTTP://H.TRAWL.TEST:80/abs/\($0)", false) },
        { ("<a href=\"/pct/%7e\($0)%2Fx\">", "/pct/%7e\($0)%2Fx", false) },
        { ("<a href=\"#frag\($0)\">", "#frag\($0)", false) },
        { _ in ("<a href>", "", false) },
        { ("<a href=/slash/\($0)/>", "/slash/\($0)/", false) },
    ]

    /// Links only a Unicode encoding can carry.
    private static let unicodePlants: [@Sendable (Int) -> Plant] = [
        { ("<a href=\"/caf\u{E9}/\($0)\">", "/caf\u{E9}/\($0)", false) },
        { ("<a href='/日本/\($0)'>", "/日本/\($0)", false) },
    ]

    /// Base hrefs, those a browser ignores included (javascript:, data:).
    private static let bases = [
        "/base/", "sub/", "http://other.trawl.test/b/", "https://h.trawl.test:8443/s/x?y#z", "", "javascript:void(0)",
        "data:text/html,<p>", "DATA:,x",
    ]

    mutating func addRandomPiece(using random: inout SeededGenerator) {
        switch Int.random(in: 0..<20, using: &random) {
        case 0..<10:
            html += Self.filler.randomElement(using: &random)!
        case 10..<18:
            let plants = encoding.isUnicode ? Self.plants + Self.unicodePlants : Self.plants
            plant(plants.randomElement(using: &random)!(Int.random(in: 0..<8, using: &random)))
        case 18:
            let href = Self.bases.randomElement(using: &random)!
            html += "<base href=\"\(href)\">"
            if baseHref == nil { baseHref = href }
        default:
            if encoding.overridesMeta && Bool.random(using: &random) {
                html += "<meta charset=\"\(["koi8-r", "shift_jis", "utf-16", "iso-8859-2"].randomElement(using: &random)!)\">"
            } else {
                html += "<meta name=\"ROBOTS\" content=\"noarchive, NOFOLLOW\">"
                metaNofollow = true
            }
        }
    }

    private mutating func plant(_ plant: Plant) {
        html += plant.markup
        links.append(ExtractedLink(href: plant.href, nofollow: plant.nofollow))
    }

    /// The page's bytes in its encoding, and the Content-Type to serve
    /// them with. The soup outside Unicode encodings is ASCII, which every
    /// encoding here spells the same.
    var served: (bytes: [UInt8], contentType: String?) {
        let utf8 = Array(html.utf8)
        let utf16 = Array(html.utf16)
        let littleEndian = utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        switch encoding {
        case .utf8Header: return (utf8, "text/html; charset=UTF-8")
        case .utf8Sniffed: return (utf8, "text/html")
        case .utf8ByteOrderMark: return ([0xEF, 0xBB, 0xBF] + utf8, "text/html; charset=windows-1252")
        case .utf16LEByteOrderMark: return ([0xFF, 0xFE] + littleEndian, nil)
        case .utf16BEByteOrderMark: return ([0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, nil)
        case .utf16LEHeader: return (littleEndian, "text/html; charset=utf-16le")
        case .windows1252Header: return (utf8, "text/html; charset=iso-8859-1")
        case .koi8RHeader: return (utf8, "text/html; charset=koi8-r")
        case .shiftJISHeader: return (utf8, "text/html; charset=Shift_JIS")
        case .eucJPHeader: return (utf8, "text/html; charset=euc-jp")
        case .gb18030Header: return (utf8, "text/html; charset=gb18030")
        }
    }
}
