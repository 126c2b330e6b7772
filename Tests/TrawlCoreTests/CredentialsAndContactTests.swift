import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

/// Credentials never come from a page, and the User-Agent advice.
struct CredentialsAndContactTests {
    @Test(arguments: [
        ("http://alice:s3cret@a.test/x", "http://a.test/x", "http://alice:****@a.test/x"),
        ("http://alice@a.test:8080/x?q", "http://a.test:8080/x?q", "http://alice@a.test:8080/x?q"),
        ("https://:pw@a.test/", "https://a.test/", "https://:****@a.test/"),
        ("http://a.test/plain", "http://a.test/plain", "http://a.test/plain"),
    ])
    func credentialsAreRemovedAndMasked(url: String, stripped: String, masked: String) throws {
        let parsed = try #require(WebURL(url))
        #expect(parsed.withoutCredentials().href == stripped)
        #expect(parsed.hrefMaskingPassword == masked)
        #expect(parsed.hasCredentials == (url != stripped))
    }

    @Test func aRedirectToACredentialsURLLosesThem() {
        let scope = CrawlScope(rule: .host, seeds: [WebURL("http://a.test/")!])
        let policy = RedirectPolicy(scope: scope, maxRedirects: 5)
        let decision = policy.decide(chain: [WebURL("http://a.test/go")!], status: 302, location: "http://bob:pw@a.test/in")
        #expect(decision == .follow(WebURL("http://a.test/in")!))
    }

    @Test func aSeedWithCredentialsIsRefusedWithItsPasswordMasked() {
        let seeds = SeedList(text: "http://a.test/\nhttp://alice:s3cret@b.test/\n")
        #expect(seeds.urls.map(\.href) == ["http://a.test/"])
        #expect(seeds.problems.map(\.line) == [2])
        #expect(seeds.problems.first?.text == "http://alice:****@b.test/")
        #expect(!seeds.problems.description.contains("s3cret"))
    }

    @Test func theProxyEnvironmentIsReadAsCurlReadsIt() {
        func read(_ variables: [String: String]) -> ProxyEnvironment? {
            ProxyEnvironment.current { variables[$0] }
        }
        #expect(read([:]) == nil)
        // Upper-case HTTP_PROXY is ignored, as curl ignores it.
        #expect(read(["HTTP_PROXY": "http://p:1"]) == nil)
        #expect(read(["http_proxy": "http://u:pw@p:3128", "no_proxy": "localhost"])
            == ProxyEnvironment(http: "http://u:****@p:3128", https: nil, noProxy: "localhost"))
        #expect(read(["ALL_PROXY": "socks5h://p:1080", "HTTPS_PROXY": "p:8443"])
            == ProxyEnvironment(http: "socks5h://p:1080", https: "p:8443", noProxy: nil))
        #expect(ProxyEnvironment.masked("user:pw@p:1/x@y") == "user:****@p:1/x@y")
    }

    @Test func theUserAgentAdviceSpeaksOnlyWhenSomeoneElsesHostIsCrawled() {
        let local = [WebURL("http://h0.trawl.test/")!, WebURL("http://127.0.0.1:8080/")!, WebURL("http://localhost/")!]
        let remote = local + [WebURL("https://example.com/")!]
        #expect(UserAgentAdvice.warning(userAgent: "trawl/0.1", seeds: local) == nil)
        #expect(UserAgentAdvice.warning(userAgent: "trawl/0.1 (+https://me.example/bot)", seeds: remote) == nil)
        #expect(UserAgentAdvice.warning(userAgent: "trawl/0.1 (ops@me.example)", seeds: remote) == nil)
        #expect(UserAgentAdvice.warning(userAgent: "trawl/0.1", seeds: remote)
            == "the User-Agent 'trawl/0.1' names no contact, so the sites you crawl cannot reach you; add a URL or an e-mail address, e.g. --user-agent 'trawl/1.0 (+https://example.org/crawler; you@example.org)'")
    }
}
