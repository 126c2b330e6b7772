import Testing
@testable import TrawlCore
import TrawlExtract
import TrawlURL

/// What one page may cost in links: a long `<base href>` times thousands of
/// relative links once made gigabytes of edges.
struct ResolvedLinksLimitsTests {
    let documentURL = WebURL("http://h.trawl.test/")!

    func page(base: String? = nil, hrefs: [String]) -> ExtractedPage {
        ExtractedPage(links: hrefs.map { ExtractedLink(href: $0) }, baseHref: base, encoding: "utf-8")
    }

    @Test func linksLongerThanTheLimitAreDroppedAndCounted() {
        let longBase = "http://h.trawl.test/" + String(repeating: "b", count: 64 * 1024) + "/"
        let hrefs = (0..<8_000).map { "p\($0)" } + ["/short"]
        let resolved = ResolvedLinks(page: page(base: longBase, hrefs: hrefs), documentURL: documentURL,
                                     limits: .init(maxURLLength: 8192, maxLinks: 6000))
        #expect(resolved.links.map(\.url.href) == ["http://h.trawl.test/short"])
        #expect(resolved.droppedTooLong == 8_000)
        #expect(resolved.droppedOverLimit == 0)
    }

    @Test func theFirstDistinctLinksAreKeptAndTheRestCounted() {
        let hrefs = (0..<10).map { "/p\($0)" } + ["/p0", "/p1"]
        let resolved = ResolvedLinks(page: page(hrefs: hrefs), documentURL: documentURL,
                                     limits: .init(maxURLLength: 8192, maxLinks: 4))
        #expect(resolved.links.map(\.url.href) == (0..<4).map { "http://h.trawl.test/p\($0)" })
        // Repeats of kept links are no loss; the 6 others are.
        #expect(resolved.droppedOverLimit == 6)
    }

    @Test func theLinkTextOfAPageIsBudgeted() {
        let hrefs = (0..<100).map { "/" + String(repeating: "x", count: 1000) + "\($0)" }
        let resolved = ResolvedLinks(page: page(hrefs: hrefs), documentURL: documentURL,
                                     limits: .init(maxURLLength: 8192, maxLinks: 1000, maxLinkBytes: 10_500))
        #expect(resolved.links.count == 10)
        #expect(resolved.droppedOverLimit == 90)
    }
}

/// The bound that spares parsing hrefs that must resolve too long: it must
/// never call a link too long that resolves short enough.
struct ResolvedLinksBoundTests {
    @Test func theBoundNeverExceedsTheResolvedLength() throws {
        let base = try #require(WebURL("http://h.test/a/bb/ccc/page.html?q=1#f"))
        let bounds = ResolvedLinks.BaseBounds(base)
        let hrefs = ["p", "p/q", "../p", "./p", "..", ".", "p/../../../x", "?x", "#y", "", "//other/x", "/root",
                     "x:y", "%2e%2e/p", "p\t\nq", "p   ", " p", "a.b/c..d/e", "...", "p?../../", "p#../..", "\\x", "p\\..\\..\\q"]
        for href in hrefs {
            let resolved = try #require(WebURL(href, base: base)).normalizedForCrawl().href
            #expect(bounds.leastResolvedLength(of: href) <= resolved.utf8.count, "\(href) → \(resolved)")
        }
        #expect(bounds.leastResolvedLength(of: "p") == "http://h.test/a/bb/ccc/p".utf8.count)
    }
}
