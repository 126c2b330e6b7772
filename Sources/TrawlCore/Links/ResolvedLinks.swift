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
        /// How many times the page links it (counted while kept).
        public var count = 1
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
    /// Links that carried a user name or password, which was removed: a
    /// page may not choose credentials for trawl to send (or to write into
    /// the exports). The stripped URL is the link.
    public private(set) var credentialsStripped = 0

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
        var credentials = 0
        let baseBounds = limits.maxURLLength == .max ? nil : BaseBounds(base)
        for extracted in page.links {
            // Too long whatever it resolves to: not worth parsing (a 64 KiB
            // base times 8,000 hrefs is 512 MB of parsing).
            if let baseBounds, baseBounds.leastResolvedLength(of: extracted.href) > limits.maxURLLength {
                tooLong += 1
                continue
            }
            guard var resolved = WebURL(extracted.href, base: base), resolved.isHTTP else { continue }
            if resolved.hasCredentials {
                credentials += 1
                resolved = resolved.withoutCredentials()
            }
            let url = resolved.normalizedForCrawl()
            let length = url.href.utf8.count
            if length > limits.maxURLLength {
                tooLong += 1
                continue
            }
            let follow = !(pageNofollow || extracted.nofollow)
            if let existing = index[url.href] {
                if follow { links[existing].follow = true }
                links[existing].count += 1
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
        credentialsStripped = credentials
    }

    /// Lengths of the base URL that bound what a relative href resolves to,
    /// without resolving it.
    struct BaseBounds {
        /// Up to and including the last "/" of the path.
        let directory: Int
        /// Up to the query: what "?q", "#f" and "" keep of the base.
        let path: Int

        init(_ base: WebURL) {
            let bytes = base.href.utf8
            let query = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
            path = bytes.distance(from: bytes.startIndex, to: query)
            let slash = bytes[..<query].lastIndex(of: UInt8(ascii: "/"))
            directory = slash.map { bytes.distance(from: bytes.startIndex, to: $0) + 1 } ?? 0
        }

        /// A lower bound of the length of `href` resolved against the base,
        /// or 0 when it could be anything (an absolute or root-relative
        /// href, or one with a dot segment that removes base segments).
        /// The WHATWG parser only removes tabs and newlines from an href,
        /// and percent-encoding only lengthens it, so a plain path-relative
        /// href keeps every byte of the base's directory.
        func leastResolvedLength(of href: String) -> Int {
            let bytes = href.utf8
            guard let first = bytes.first else { return path }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "#") { return path }
            // Leading spaces or controls, a scheme, a root or a host: unknown.
            let isWordByte = (first | 0x20 >= UInt8(ascii: "a") && first | 0x20 <= UInt8(ascii: "z"))
                || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: "_")
            guard isWordByte else { return 0 }
            var segmentStart = true
            var inQuery = false
            var dots = 0
            var dropped = 0
            var counted = 0
            for byte in bytes {
                // The fragment is dropped from a crawl's URLs: not counted.
                if byte == UInt8(ascii: "#") { break }
                counted += 1
                if inQuery {
                    if byte <= 0x20 { dropped += 1 }
                    continue
                }
                switch byte {
                case UInt8(ascii: ":"): return 0  // maybe "scheme:"
                case UInt8(ascii: "%"): return 0  // maybe "%2e": a dot segment
                case UInt8(ascii: "/"), UInt8(ascii: "\\"):
                    if segmentStart && dots > 0 { return 0 }
                    segmentStart = true
                    dots = 0
                case UInt8(ascii: "."):
                    if segmentStart { dots += 1 }
                case UInt8(ascii: "?"):
                    if segmentStart && dots > 0 { return 0 }
                    inQuery = true
                case 0...0x20:
                    // Tabs and newlines are removed, trailing spaces and
                    // controls trimmed: counted out, to stay a lower bound.
                    dropped += 1
                default:
                    segmentStart = false
                }
            }
            if !inQuery && segmentStart && dots > 0 { return 0 }
            return directory + counted - dropped
        }
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
