import Testing
import TrawlURL

/// Cases WPT's data leaves thin: Punycode labels inside a non-ASCII host
/// (which UTS #46 decodes and checks; the ".ß" label makes the host
/// non-ASCII), CheckBidi (IdnaTestV2.json excludes its Bidi cases) and
/// CheckJoiners. nil: the URL must fail.
struct IDNAToASCIITests {
    @Test(arguments: [
        // An ASCII host is only lower-cased, decodable or not.
        ("XN--8i7caa.example", "xn--8i7caa.example"),
        ("xn--a.example", "xn--a.example"),
        // In a non-ASCII host, a Punycode label must decode to a valid label.
        ("xn--zca.ß", "xn--zca.xn--zca"),
        ("xn--a.ß", nil),  // not Punycode
        ("xn--.ß", nil),  // decodes to nothing
        ("xn--abc-.ß", nil),  // decodes to ASCII only
        ("xn--u-ccb.ß", nil),  // "u\u{308}": not NFC
        ("xn--8i7caa.ß", nil),  // "ｗｗｗ": mapped code points
        ("xn--zn7c.ß", nil),  // U+FFFD: disallowed
        ("xn--a-ecp.ß", nil),  // "a⒈": disallowed
        ("xn--xn--a--gua.ß", nil),  // "xn--a-ä": starts with "xn--" itself
        ("xn--ssa73l.ß", "xn--ssa73l.xn--zca"),  // "\u{5D0}\u{308}"
    ] as [(String, String?)])
    func punycodeLabelsAreCheckedInNonASCIIHosts(host: String, expected: String?) {
        #expect(WebURL("https://\(host)/x")?.host == expected)
    }

    @Test(arguments: [
        ("\u{5D0}\u{5D1}.com", "xn--4dbc.com"),
        ("1.\u{64A}", "1.xn--mhb"),  // an ASCII label beside an RTL one
        ("\u{5D0}\u{301}", "xn--lsa15l"),  // RTL, then a trailing NSM
        ("\u{627}\u{661}\u{662}", "xn--mgb0jd"),  // AL, then AN
        ("a\u{5D0}", nil),  // R in an LTR label
        ("\u{5D0}a", nil),  // L in an RTL label
        ("\u{627}\u{661}1", nil),  // AN and EN together
        ("\u{660}\u{627}", nil),  // starts with AN
        ("\u{5D0}.a\u{300}-", nil),  // LTR label of a Bidi domain ends with ES
    ] as [(String, String?)])
    func bidiRuleApplies(host: String, expected: String?) {
        #expect(WebURL("https://\(host)/x")?.host == expected)
    }

    @Test(arguments: [
        ("\u{628}\u{200C}\u{628}", "xn--ngba799q"),  // ZWNJ between dual-joining letters
        ("\u{915}\u{94D}\u{200D}\u{937}", "xn--11b2ezcw70k"),  // ZWJ after a virama
        ("a\u{200C}b", nil),  // ZWNJ where nothing joins
        ("\u{628}\u{200D}\u{628}", nil),  // ZWJ without a virama
        ("\u{628}\u{200C}\u{627}\u{200C}", nil),  // ZWNJ with nothing after it
    ] as [(String, String?)])
    func joinersNeedTheirContext(host: String, expected: String?) {
        #expect(WebURL("https://\(host)/x")?.host == expected)
    }
}
