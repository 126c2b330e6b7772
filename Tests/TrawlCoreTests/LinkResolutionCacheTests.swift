import Testing
import TrawlURL
@testable import TrawlCore

struct LinkResolutionCacheTests {
    @Test(arguments: [
        ("page/2", true), ("/abs", true), ("//host/x", true), ("http://h/x", true), ("http:foo", false),
        ("http:?q", false), ("http:/x", true), ("?q", false), ("#f", false), ("", false), ("  \t?q", false),
        (" \n#x", false), ("a?b", true), ("../up", true), ("mailto:x@y", false), ("a+b.c-d/e:f", true),
    ])
    func onlyReferencesThatIgnoreTheBasePathAndQueryAreMemoized(href: String, memoized: Bool) {
        #expect(LinkResolutionCache.isPathIndependent(href) == memoized)
    }

    /// The memo answers exactly what resolving each href afresh answers,
    /// for bases that share a directory but not a path or query.
    @Test func memoizedResolutionsEqualFreshOnes() throws {
        let cache = LinkResolutionCache(capacity: 8)
        let hrefs = ["x", "../y", "?q", "#f", "", "/z", "//other.test/w", "mailto:a@b", "http:rel", "http:?q2",
                     "HTTP://H.TEST:80/%7ea", "  sp ", "x", "java script:alert(1)"]
        let bases = ["http://h.test/d/a?1", "http://h.test/d/b#2", "http://h.test/d/", "https://h.test/d/a", "http://h.test/e/a"]
        for _ in 0..<3 {
            for base in bases {
                let baseURL = try #require(WebURL(base))
                let fresh = hrefs.map { LinkResolutionCache.resolve($0, base: baseURL)?.href }
                let memo = cache.resolve(hrefs, base: baseURL).map { $0?.href }
                #expect(memo == fresh, "base \(base)")
            }
        }
    }

    @Test func directoryPrefixKeepsUserinfoAndPort() throws {
        #expect(try #require(WebURL("http://u:p@h.test:81/a/b?q#f")).pathDirectoryPrefix == "http://u:p@h.test:81/a/")
        #expect(try #require(WebURL("http://h.test")).pathDirectoryPrefix == "http://h.test/")
        #expect(try #require(WebURL("mailto:x@y")).pathDirectoryPrefix == nil)
    }
}
