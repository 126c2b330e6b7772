import Testing
@testable import TrawlCore

/// The journal's own encodings round-trip exactly, and refuse bytes they
/// cannot have written.
struct JournalEncodingTests {
    @Test func followedLinksAreIndicesIntoTheEdgeTargetsWhereTheyCanBe() throws {
        let targets = ["http://a.test/x", "http://a.test/y", "http://a.test/z"]
        let follow = [("http://a.test/z", "http://a.test"), ("http://b.test/", "http://b.test"), ("http://a.test/x", "http://a.test")]
        let bytes = FollowList.encode(follow, edgeTargets: targets)
        // count 3; index 3 + 1; 0 and "http://b.test/"; index 0 + 1
        #expect(bytes == [3, 3, 0, 14] + Array("http://b.test/".utf8) + [1])
        #expect(try FollowList.decode(bytes, edgeTargets: targets) == ["http://a.test/z", "http://b.test/", "http://a.test/x"])
        #expect(throws: TrawlError.self) { try FollowList.decode([1, 9], edgeTargets: targets) }
        #expect(throws: TrawlError.self) { try FollowList.decode(bytes + [0], edgeTargets: targets) }
    }

    @Test func robotsRulesRoundTripWithTheirCrawlDelay() throws {
        let file = RobotsTxt(parsing: Array("User-agent: *\nDisallow: /private\nAllow: /private/ok$\nDisallow: /caf\u{e9}\nCrawl-delay: 2.5\n".utf8))
        let rules = file.rules(for: "trawl")
        let back = try RobotsRules(journalBytes: rules.journalBytes)
        #expect(back == rules)
        #expect(back.crawlDelay == 2.5)
        #expect(back.isAllowed(path: "/private/ok") && !back.isAllowed(path: "/private/no"))
        #expect(try RobotsRules(journalBytes: RobotsRules.allowAll.journalBytes) == .allowAll)
        #expect(throws: (any Error).self) { try RobotsRules(journalBytes: [1]) }
    }
}
