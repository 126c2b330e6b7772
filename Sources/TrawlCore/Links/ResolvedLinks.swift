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

    /// What one page may cost in links, whatever it holds: a 64 KB `<base
    /// href>` times 8,000 relative links would otherwise be 512 MB of URLs.
    public struct Limits: Sendable, Equatable, Codable {
        /// A resolved link longer than this (bytes) is dropped: not kept,
        /// not an edge, not fetched.
        public var maxURLLength: Int
        /// Distinct links kept at most; later ones are dropped.
        public var maxLinks: Int
        /// Bytes of kept links at most, whatever their number: with
        /// `maxLinks` and `maxURLLength` alone a page could still hold
        /// tens of megabytes of URLs.
        public var maxLinkBytes: Int

        public static let unlimited = Limits(maxURLLength: .max, maxLinks: .max, maxLinkBytes: .max)

        public init(maxURLLength: Int, maxLinks: Int, maxLinkBytes: Int = 4 << 20) {
            self.maxURLLength = maxURLLength
            self.maxLinks = maxLinks
            self.maxLinkBytes = maxLinkBytes
        }
    }

    public var links: [Link]
    /// Links dropped for being longer than `Limits.maxURLLength`.
    public private(set) var droppedTooLong = 0
    /// Links dropped past `Limits.maxLinks` or `Limits.maxLinkBytes`
    /// (occurrences that were not the same URL as a kept link).
    public private(set) var droppedOverLimit = 0

    /// Resolves `page`'s hrefs against its `<base href>` (itself resolved
    /// against the document URL) or, without a usable one, the document's
    /// final URL. Non-http(s) results (mailto:, javascript:, …) and
    /// unparsable hrefs are dropped; so are links beyond `limits`, which
    /// are counted. When an href appears twice, it is followed if any
    /// occurrence may be followed.
    public init(page: ExtractedPage, documentURL: WebURL, limits: Limits = .unlimited) {
        let base = page.baseHref.flatMap { Self.baseURL($0, documentURL: documentURL) } ?? documentURL
        let pageNofollow = page.robots.contains(.nofollow)
        var links: [Link] = []
        var index: [String: Int] = [:]
        links.reserveCapacity(min(page.links.count, limits.maxLinks))
        var keptBytes = 0
        var tooLong = 0
        var overLimit = 0
        for extracted in page.links {
            guard let resolved = WebURL(extracted.href, base: base), resolved.isHTTP else { continue }
            let url = resolved.normalizedForCrawl()
            let length = url.href.utf8.count
            if length > limits.maxURLLength {
                tooLong += 1
                continue
            }
            let follow = !(pageNofollow || extracted.nofollow)
            if let existing = index[url.href] {
                if follow { links[existing].follow = true }
                continue
            }
            guard links.count < limits.maxLinks, keptBytes + length <= limits.maxLinkBytes else {
                overLimit += 1
                continue
            }
            keptBytes += length
            index[url.href] = links.count
            links.append(Link(url: url, follow: follow))
        }
        self.links = links
        droppedTooLong = tooLong
        droppedOverLimit = overLimit
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
