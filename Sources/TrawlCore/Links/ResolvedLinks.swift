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
    /// against the document URL) or, without one, the document's final URL.
    /// Non-http(s) results (mailto:, javascript:, …) and unparsable hrefs are
    /// dropped. When an href appears twice, it is followed if any occurrence
    /// may be followed.
    /// `cache` memoizes resolutions across the pages of a crawl.
    public init(page: ExtractedPage, documentURL: WebURL, cache: LinkResolutionCache? = nil) {
        let base = page.baseHref.flatMap { WebURL($0, base: documentURL) } ?? documentURL
        let pageNofollow = page.robots.contains(.nofollow)
        let hrefs = page.links.map(\.href)
        let resolutions = cache?.resolve(hrefs, base: base) ?? hrefs.map { LinkResolutionCache.resolve($0, base: base) }
        var links: [Link] = []
        var index: [String: Int] = [:]
        links.reserveCapacity(page.links.count)
        for (extracted, resolution) in zip(page.links, resolutions) {
            guard let url = resolution else { continue }
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
}
