import TrawlFetch
import TrawlURL

/// Decides which URLs belong to the crawl: the `--scope` rule relative to the
/// seeds, then `--allow` (if any, a URL must match one) and `--deny` (a URL
/// matching one is out). Only http and https are ever in scope.
public struct CrawlScope: Sendable {
    public enum Rule: String, Sendable, CaseIterable, Codable {
        /// Stay on the seeds' host names (any scheme or port).
        case host
        /// Stay on the seeds' registrable domains (`a.example.com` ~
        /// `b.example.com`), by the Public Suffix List: `a.github.io` and
        /// `b.github.io` are different sites, as are `x.ne.jp` and `y.ne.jp`.
        /// A seed that is an IP address, or a public suffix itself, keeps
        /// to its own host.
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
        self.domains = Set(seeds.compactMap { Self.siteKey(of: $0) })
        self.allow = allow
        self.deny = deny
    }

    /// What `--scope domain` compares: the registrable domain, or the host
    /// itself for an IP address or a host that has none.
    static func siteKey(of url: WebURL) -> String? {
        guard let host = url.host else { return nil }
        guard url.hasDomainHost else { return host }
        return PublicSuffixList.registrableDomain(of: host) ?? host
    }

    /// What `judge` made of a URL.
    public enum Verdict: Sendable, Equatable {
        case inScope
        case outOfScope
        /// An `--allow` or `--deny` match ran out of its step budget: the
        /// URL is treated as out of scope (not fetched, the safe side of
        /// both), and counted.
        case patternTimedOut
    }

    public func contains(_ url: WebURL) -> Bool {
        judge(url) == .inScope
    }

    public func judge(_ url: WebURL) -> Verdict {
        guard url.isHTTP, let host = url.host else { return .outOfScope }
        switch rule {
        case .host:
            guard hosts.contains(host) else { return .outOfScope }
        case .domain:
            guard let key = Self.siteKey(of: url), domains.contains(key) else { return .outOfScope }
        case .any:
            break
        }
        if allow.isEmpty && deny.isEmpty { return .inScope }
        let href = url.href
        if !allow.isEmpty {
            var timedOut = false
            let allowed = allow.contains { pattern in
                switch pattern.match(href) {
                case .matched: return true
                case .notMatched: return false
                case .timedOut:
                    timedOut = true
                    return false
                }
            }
            if !allowed { return timedOut ? .patternTimedOut : .outOfScope }
        }
        for pattern in deny {
            switch pattern.match(href) {
            case .matched: return .outOfScope
            case .notMatched: continue
            case .timedOut: return .patternTimedOut
            }
        }
        return .inScope
    }
}
