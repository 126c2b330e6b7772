import TrawlCore
import TrawlExtract
import TrawlURL

/// What must hold for any page, however broken: checked after each
/// extraction, and fatal when it fails so that libFuzzer keeps the input.
enum LinkInvariants {
    /// Labels for the charset parameter: one per decoder family, plus an
    /// unknown label (ignored, so detection goes on) and x-user-defined
    /// (known to WHATWG, undecodable here).
    static let charsets = [
        "utf-8", "windows-1252", "iso-8859-2", "koi8-r", "windows-1251", "shift_jis", "euc-jp",
        "iso-2022-jp", "euc-kr", "gbk", "gb18030", "big5", "utf-16le", "utf-16be", "x-user-defined",
        "no-such-charset",
    ]

    /// A document URL with a path, a query and a fragment, so relative
    /// references of every form have something to replace.
    static let documentURL = WebURL("http://fuzz.trawl.test/dir/page.html?q=1#top")!

    static func check(_ page: ExtractedPage, of body: UnsafeRawBufferPointer) {
        for link in page.links {
            require(link.href.utf8.count <= body.count * 3, "an href longer than the page can spell", link.href)
        }
        let resolved = ResolvedLinks(page: page, documentURL: documentURL)
        require(resolved.links.count <= page.links.count, "more resolved links than hrefs", "\(resolved.links.count)")
        var seen = Set<String>()
        for link in resolved.links {
            let url = link.url
            require(url.isHTTP, "a resolved link that is not http(s)", url.href)
            require(url.fragment == nil, "a fragment left in a dedup key", url.href)
            require(url.normalizedForCrawl() == url, "normalization is not idempotent", url.href)
            // Parsing a serialization must give it back (the URL Standard's
            // idempotence); a dedup key that reparses differently would
            // split one page into two after a round trip through a file.
            require(WebURL(url.href) == url, "a serialization that reparses differently", url.href)
            require(seen.insert(url.href).inserted, "a duplicate resolved link", url.href)
        }
    }

    private static func require(_ condition: Bool, _ what: String, _ value: @autoclosure () -> String) {
        if !condition { fatalError("\(what): \(value().debugDescription)") }
    }
}
