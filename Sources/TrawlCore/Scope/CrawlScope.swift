import TrawlURL

/// Decides which URLs belong to the crawl: the `--scope` rule relative to the
/// seeds, then `--allow` (if any, a URL must match one) and `--deny` (a URL
/// matching one is out). Only http and https are ever in scope.
public struct CrawlScope: Sendable {
    public enum Rule: String, Sendable, CaseIterable, Codable {
        /// Stay on the seeds' host names (any scheme or port).
        case host
        /// Stay on the seeds' registrable domains (`a.example.com` ~ `b.example.com`).
        case domain
        /// Any http(s) URL.
        case any
    }

    public let rule: Rule
    private let hosts: Set<String>
    private let domains: Set<String>
    private let allow: [PatternMatcher]
    private let deny: [PatternMatcher]

    public init(rule: Rule, seeds: [WebURL], allow: [PatternMatcher] = [], deny: [PatternMatcher] = []) {
        self.rule = rule
        self.hosts = Set(seeds.compactMap(\.host))
        self.domains = Set(seeds.compactMap { $0.registrableDomainApproximation ?? $0.host })
        self.allow = allow
        self.deny = deny
    }

    public func contains(_ url: WebURL) -> Bool {
        guard url.isHTTP, let host = url.host else { return false }
        switch rule {
        case .host:
            guard hosts.contains(host) else { return false }
        case .domain:
            guard domains.contains(url.registrableDomainApproximation ?? host) else { return false }
        case .any:
            break
        }
        if allow.isEmpty && deny.isEmpty { return true }
        let href = url.href
        if !allow.isEmpty && !allow.contains(where: { $0.matches(href) }) { return false }
        return !deny.contains(where: { $0.matches(href) })
    }
}
