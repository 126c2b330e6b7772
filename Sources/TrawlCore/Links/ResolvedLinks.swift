import TrawlExtract
import TrawlURL

/// The links of one page after resolution and normalization: distinct,
/// http(s) only, in document order.
public struct ResolvedLinks: Sendable {
    public struct Link: Sendable, Equatable {
        /// Normalized absolute URL (the dedup key).
        public var url: WebURL
        /// False for `rel=nofollow` links and for every link of a page whose
        /// `<meta name=robots>` says nofollow.
        public var follow: Bool
    }

    public var links: [Link]

    /// Resolves `page`'s hrefs against its `<base href>` (itself resolved
    /// against the document URL) or, without a usable one, the document's
    /// final URL. Non-http(s) results (mailto:, javascript:, …) and
    /// unparsable hrefs are dropped. When an href appears twice, it is
    /// followed if any occurrence may be followed.
    public init(page: ExtractedPage, documentURL: WebURL) {
        let base = page.baseHref.flatMap { Self.baseURL($0, documentURL: documentURL) } ?? documentURL
        let pageNofollow = page.robots.contains(.nofollow)
        var links: [Link] = []
        var index: [String: Int] = [:]
        links.reserveCapacity(page.links.count)
        for extracted in page.links {
            guard let resolved = WebURL(extracted.href, base: base), resolved.isHTTP else { continue }
            let url = resolved.normalizedForCrawl()
            let follow = !(pageNofollow || extracted.nofollow)
            if let existing = index[url.href] {
                if follow { links[existing].follow = true }
                continue
            }
            index[url.href] = links.count
            links.append(Link(url: url, follow: follow))
        }
        self.links = links
    }

    /// The HTML Standard's frozen base URL: a `<base href>` that fails to
    /// parse, or parses to a data: or javascript: URL, is ignored, so the
    /// page's relative links resolve as a browser resolves them instead of
    /// all failing against an opaque base.
    private static func baseURL(_ href: String, documentURL: WebURL) -> WebURL? {
        guard let url = WebURL(href, base: documentURL), url.scheme != "data", url.scheme != "javascript" else {
            return nil
        }
        return url
    }
}
