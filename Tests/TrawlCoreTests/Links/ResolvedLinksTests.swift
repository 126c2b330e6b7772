import Testing
import TrawlCore
import TrawlExtract
import TrawlURL

struct ResolvedLinksTests {
    private let documentURL = WebURL("http://h.trawl.test/dir/page.html")!

    private func resolved(base: String?, hrefs: [String]) -> [String] {
        let page = ExtractedPage(links: hrefs.map { ExtractedLink(href: $0) }, baseHref: base, encoding: "utf-8")
        return ResolvedLinks(page: page, documentURL: documentURL).links.map(\.url.href)
    }

    @Test func relativeLinksResolveAgainstTheBaseHref() {
        #expect(resolved(base: "/base/", hrefs: ["a", "../b", "//other.trawl.test/c"])
            == ["http://h.trawl.test/base/a", "http://h.trawl.test/b", "http://other.trawl.test/c"])
    }

    /// Found by the random tag-soup test: a `<base href="javascript:…">`
    /// made every relative link on the page fail to resolve, where a
    /// browser ignores such a base (HTML Standard, "frozen base URL").
    @Test(arguments: ["javascript:void(0)", "JavaScript:x", "data:text/html,<p>", "DATA:,x", "http://[::1"])
    func dataJavascriptAndUnparsableBasesLeaveTheDocumentURL(base: String) {
        #expect(resolved(base: base, hrefs: ["a", "?q", ""])
            == ["http://h.trawl.test/dir/a", "http://h.trawl.test/dir/page.html?q", "http://h.trawl.test/dir/page.html"])
    }

    @Test func aBaseWithAnotherOpaqueSchemeStillDropsRelativeLinks() {
        // Only data: and javascript: are ignored; against mailto: a
        // relative reference cannot resolve, in a browser either.
        #expect(resolved(base: "mailto:someone@trawl.test", hrefs: ["a", "http://h.trawl.test/abs"])
            == ["http://h.trawl.test/abs"])
    }
}
