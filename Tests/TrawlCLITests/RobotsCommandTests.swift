import Testing

@Suite(.timeLimit(.minutes(2)))
struct RobotsCommandTests {
    private static let robots = """
        User-agent: *
        Disallow: /private/
        Allow: /private/press/

        User-agent: trawl
        Disallow: /drafts
        Disallow: /*.pdf$
        Crawl-delay: 2
        Sitemap: https://example.com/sitemap.xml
        """

    @Test func printsOneVerdictPerURLInArgumentOrder() async throws {
        let file = try TrawlProcess.temporaryFile("robots.txt", contents: Self.robots)
        let result = try await TrawlProcess.run([
            "robots", "--robots", file, "--user-agent", "OtherBot/2.0",
            "https://example.com/private/x", "https://example.com/private/press/y", "http://example.com/public",
            "https://example.com/drafts/1", "https://example.com/robots.txt",
        ])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            disallowed https://example.com/private/x
            allowed https://example.com/private/press/y
            allowed http://example.com/public
            allowed https://example.com/drafts/1
            allowed https://example.com/robots.txt

            """)
    }

    /// The default --user-agent is the crawler's own, whose token is `trawl`:
    /// its group replaces the `*` group.
    @Test func theDefaultUserAgentIsTheCrawlers() async throws {
        let file = try TrawlProcess.temporaryFile("robots.txt", contents: Self.robots)
        let result = try await TrawlProcess.run([
            "robots", "--robots", file,
            "https://example.com/drafts/1", "https://example.com/private/x", "https://example.com/a/b.pdf",
            "https://example.com/a/b.pdf?x=1", "https://example.com/dr%61fts#top",
        ])
        #expect(result.status == 0)
        #expect(result.stdout == """
            disallowed https://example.com/drafts/1
            allowed https://example.com/private/x
            disallowed https://example.com/a/b.pdf
            allowed https://example.com/a/b.pdf?x=1
            disallowed https://example.com/dr%61fts#top

            """)
    }

    @Test func aMissingRobotsFileIsNamed() async throws {
        let result = try await TrawlProcess.run(["robots", "--robots", "/nonexistent/robots.txt", "https://example.com/"])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("trawl: error: cannot read robots file '/nonexistent/robots.txt': "))
    }

    @Test func everyBadURLIsNamedAndNothingPrints() async throws {
        let file = try TrawlProcess.temporaryFile("robots.txt", contents: Self.robots)
        let result = try await TrawlProcess.run(["robots", "--robots", file, "https://example.com/", "ftp://example.com/x", "/relative", "https://example.com/ok"])
        #expect(result.status == 65)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            trawl: error: 'ftp://example.com/x' is not an absolute http(s) URL
            trawl: error: '/relative' is not an absolute http(s) URL

            """)
    }

    @Test func atLeastOneURLIsRequired() async throws {
        let file = try TrawlProcess.temporaryFile("robots.txt", contents: Self.robots)
        let result = try await TrawlProcess.run(["robots", "--robots", file])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give at least one URL to check"))
    }
}
