/// What the crawl does to a page's links before they become edges or URLs
/// to fetch: drop links longer than `maxURLLength` and those past
/// `maxLinksPerPage` (counted, never kept: a page must not cost unbounded
/// memory or output), and drop query parameters that only multiply URLs
/// (session ids, tracking tags: `--strip-query-params`).
public struct LinkFilter: Sendable, Codable, Equatable {
    /// Heritrix's cap on a page's outlinks (Nutch keeps only 100, which
    /// loses the navigation of real pages: they carry 70–300 links, index
    /// pages thousands).
    public static let defaultMaxLinksPerPage = 6_000

    /// Parameters whose name matches one of these are removed.
    public var stripQueryParameters: [PatternMatcher]
    /// Longest URL kept, in bytes (`--max-url-length`).
    public var maxURLLength: Int
    /// Distinct links kept per page (`--max-links-per-page`).
    public var maxLinksPerPage: Int

    public init(stripQueryParameters: [PatternMatcher] = [], maxURLLength: Int = 8192,
                maxLinksPerPage: Int = LinkFilter.defaultMaxLinksPerPage) {
        self.stripQueryParameters = stripQueryParameters
        self.maxURLLength = maxURLLength
        self.maxLinksPerPage = maxLinksPerPage
    }

    /// The limits `ResolvedLinks` applies while it resolves a page.
    public var resolutionLimits: ResolvedLinks.Limits {
        ResolvedLinks.Limits(maxURLLength: maxURLLength, maxLinks: maxLinksPerPage)
    }

    /// `href` (normalized, no fragment) without the stripped parameters;
    /// a query left empty loses its `?`.
    public func apply(to href: String) -> String {
        guard !stripQueryParameters.isEmpty, let question = href.firstIndex(of: "?") else { return href }
        let kept = href[href.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).filter { parameter in
            let name = String(parameter.prefix { $0 != "=" })
            return !stripQueryParameters.contains { $0.matches(name) }
        }
        let base = String(href[..<question])
        return kept.isEmpty ? base : base + "?" + kept.joined(separator: "&")
    }

    public func mayFetch(_ href: String) -> Bool { href.utf8.count <= maxURLLength }
}
