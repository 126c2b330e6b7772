/// What the crawl does to a resolved link before it becomes an edge or a
/// URL to fetch: drop query parameters that only multiply URLs (session
/// ids, tracking tags: `--strip-query-params`), and refuse to fetch URLs
/// longer than `maxURLLength` (they are still edges).
public struct LinkFilter: Sendable {
    /// Parameters whose name matches one of these are removed.
    public var stripQueryParameters: [PatternMatcher]
    /// Longest URL fetched, in bytes.
    public var maxURLLength: Int

    public init(stripQueryParameters: [PatternMatcher] = [], maxURLLength: Int = 8192) {
        self.stripQueryParameters = stripQueryParameters
        self.maxURLLength = maxURLLength
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
