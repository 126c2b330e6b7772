import Testing
import TrawlCore
import TrawlURL

/// `--scope domain` draws the line the Public Suffix List draws (libpsl,
/// the list libcurl itself uses), not "the last two labels".
struct CrawlScopeTests {
    static func domainScope(_ seed: String) -> CrawlScope {
        CrawlScope(rule: .domain, seeds: [WebURL(seed)!])
    }

    @Test(arguments: [
        // seed, URL, in scope?
        ("http://a.github.io/", "http://a.github.io/x", true),
        ("http://a.github.io/", "http://b.github.io/", false),  // github.io is a public suffix
        ("http://www.example.co.uk/", "http://shop.example.co.uk/", true),
        ("http://www.example.co.uk/", "http://other.co.uk/", false),
        ("http://x.ne.jp/", "http://y.ne.jp/", false),
        ("http://x.ne.jp/", "http://www.x.ne.jp/", true),
        ("http://a.b.ck/", "http://x.a.b.ck/", true),  // *.ck: b.ck is a suffix, a.b.ck registrable
        ("http://a.b.ck/", "http://c.b.ck/", false),
        ("http://www.ck/", "http://x.www.ck/", true),  // !www.ck: www.ck is registrable
        ("http://www.ck/", "http://other.ck/", false),
        ("http://a.b.xn--fiqs8s/", "http://c.b.xn--fiqs8s/", true),  // 中国
        ("http://a.b.中国/", "http://c.b.xn--fiqs8s/", true),
        ("http://a.b.xn--fiqs8s/", "http://c.d.xn--fiqs8s/", false),
        ("http://192.168.1.1/", "http://192.168.1.1:8080/x", true),
        ("http://192.168.1.1/", "http://10.1.1.1/", false),
        ("http://192.168.1.1/", "http://1.1/", false),
        ("http://[::1]:8/", "http://[::1]/", true),
        ("http://localhost/", "http://localhost:9/", true),
        ("http://h0.trawl.test/", "http://h1.trawl.test/", true),
        ("http://example.com./", "http://www.example.com/", true),
    ])
    func domainScopeFollowsThePublicSuffixList(seed: String, url: String, inScope: Bool) throws {
        let scope = Self.domainScope(seed)
        #expect(scope.contains(try #require(WebURL(url))) == inScope, "\(seed) → \(url)")
    }

    @Test func aSeedThatIsAPublicSuffixKeepsToItsOwnHost() throws {
        let scope = Self.domainScope("http://github.io/")
        #expect(scope.contains(try #require(WebURL("http://github.io/x"))))
        #expect(!scope.contains(try #require(WebURL("http://a.github.io/"))))
    }
}
