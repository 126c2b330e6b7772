import Testing
import TrawlURL

/// The crawler's dedup key and link resolution: the cases DESIGN.md names
/// (case, default port, fragment, dot segments, percent-encoding, base).
struct CrawlNormalizationTests {
    @Test(arguments: [
        ("HTTP://Example.COM:80/a/./b/../c#frag", "http://example.com/a/c"),
        ("https://example.com:443/", "https://example.com/"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com/%7euser/%41%2fb?q=%7e%3d%2a", "http://example.com/~user/A%2Fb?q=~%3D%2A"),
        ("http://example.com/a%2fb", "http://example.com/a%2Fb"),
        ("http://example.com/%%34%31", "http://example.com/%%341"),
        ("http://example.com/a b", "http://example.com/a%20b"),
        ("http://example.com/?", "http://example.com/?"),
        ("http://example.com/#", "http://example.com/"),
        ("http://EXAMPLE.com./p", "http://example.com./p"),
        ("http://[::1]:80/", "http://[::1]/"),
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://example.com/\u{00e9}", "http://example.com/%C3%A9"),
    ])
    func normalizes(input: String, expected: String) throws {
        let url = try #require(WebURL(input))
        #expect(url.normalizedForCrawl().href == expected)
        #expect(url.normalizedForCrawl().normalizedForCrawl().href == expected, "not idempotent")
    }

    @Test(arguments: [
        ("../d", "http://h.test/a/b/c", "http://h.test/a/d"),
        ("//other.test/x", "https://h.test/a", "https://other.test/x"),
        ("?q=1", "http://h.test/a/b", "http://h.test/a/b?q=1"),
        ("#top", "http://h.test/a/b", "http://h.test/a/b#top"),
        ("  /trimmed\n", "http://h.test/a", "http://h.test/trimmed"),
        ("/a\tb\nc", "http://h.test/", "http://h.test/abc"),
        ("\\back\\slash", "http://h.test/dir/", "http://h.test/back/slash"),
        ("http:relative", "http://h.test/dir/", "http://h.test/dir/relative"),
        ("../../../../x", "http://h.test/a/", "http://h.test/x"),
        ("mailto:me@example.com", "http://h.test/", "mailto:me@example.com"),
    ])
    func resolves(reference: String, base: String, expected: String) throws {
        let baseURL = try #require(WebURL(base))
        #expect(WebURL(reference, base: baseURL)?.href == expected)
    }

    @Test(arguments: ["http://", "http://exa mple.com/", "http://example.com:99999/", "http://[::1/", "//no-base"])
    func refusesInvalidInput(input: String) {
        #expect(WebURL(input) == nil)
    }

    @Test func originIsThePolitenessKey() throws {
        #expect(try #require(WebURL("HTTP://A.test:80/x?y")).origin == "http://a.test")
        #expect(try #require(WebURL("https://a.test:8443/")).origin == "https://a.test:8443")
        #expect(try #require(WebURL("mailto:x@y")).origin == "null")
    }

    @Test(arguments: [
        ("http://www.example.com/", true),
        ("http://localhost/", true),
        ("http://127.0.0.1/", false),
        ("http://[::1]/", false),
    ])
    func knowsWhetherTheHostIsADomain(input: String, expected: Bool) throws {
        #expect(try #require(WebURL(input)).hasDomainHost == expected)
    }
}
