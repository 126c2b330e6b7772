import Testing
@testable import TrawlCore

/// Parsing and group selection, including the lenient readings of Google's
/// parser (its unit tests are the de-facto reference beyond RFC 9309).
struct RobotsTxtTests {
    // MARK: Groups

    @Test func groupsEndOnlyAtAUserAgentLineAfterARule() {
        let robots = RobotsTxt("""
            allow: /foo/bar/

            user-agent: FooBot
            disallow: /
            allow: /x/
            user-agent: BarBot
            disallow: /
            allow: /y/


            allow: /w/
            user-agent: BazBot

            user-agent: FooBot
            allow: /z/
            disallow: /
            """)
        #expect(robots.isAllowed(path: "/x/b", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/z/d", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/y/c", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/y/c", userAgent: "BarBot"))
        #expect(robots.isAllowed(path: "/w/a", userAgent: "BarBot"))
        #expect(!robots.isAllowed(path: "/z/d", userAgent: "BarBot"))
        // BazBot shares the last group with FooBot: blank lines do not end it.
        #expect(robots.isAllowed(path: "/z/d", userAgent: "BazBot"))
        #expect(!robots.isAllowed(path: "/a", userAgent: "BazBot"))
        for agent in ["FooBot", "BarBot", "BazBot"] {
            #expect(!robots.isAllowed(path: "/foo/bar/", userAgent: agent))
        }
    }

    @Test func severalUserAgentLinesShareOneRuleSet() {
        let robots = RobotsTxt("user-agent: a\nuser-agent: b\n\nuser-agent: c\ndisallow: /shared\n")
        for agent in ["a", "b", "c"] {
            #expect(!robots.isAllowed(path: "/shared", userAgent: agent))
        }
        #expect(robots.isAllowed(path: "/shared", userAgent: "d"))
    }

    @Test func aSpecificGroupReplacesTheStarGroupEvenWhenItAllowsMore() {
        let robots = RobotsTxt("User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n")
        #expect(robots.isAllowed(path: "/x/page", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/y/page", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/x/page", userAgent: "BarBot"))
    }

    @Test func starGroupsAreMergedToo() {
        let robots = RobotsTxt("user-agent: *\ndisallow: /a\nuser-agent: FooBot\ndisallow: /f\nuser-agent: *\ndisallow: /b\n")
        #expect(!robots.isAllowed(path: "/a", userAgent: "BarBot"))
        #expect(!robots.isAllowed(path: "/b", userAgent: "BarBot"))
        #expect(robots.isAllowed(path: "/f", userAgent: "BarBot"))
    }

    // MARK: Product tokens

    @Test(arguments: ["FooBot", "foobot", "FOOBOT", "FooBot/2.1", "foobot (+https://example.com/bot)", "  FooBot/1"])
    func theCrawlersTokenIsMatchedWithoutCase(userAgent: String) {
        let robots = RobotsTxt("user-agent: *\ndisallow: /\n\nuser-agent: fOObOT\nallow: /\n")
        #expect(robots.isAllowed(path: "/x", userAgent: userAgent))
    }

    @Test func aUserAgentLineCountsOnlyItsLeadingTokenCharacters() {
        let robots = RobotsTxt("""
            User-Agent: *
            Disallow: /
            User-Agent: Foo Bar
            Allow: /x/
            Disallow: /
            User-agent: Googlebot/2.1
            Allow: /
            """)
        #expect(robots.isAllowed(path: "/x/y", userAgent: "Foo"))
        #expect(!robots.isAllowed(path: "/a/b", userAgent: "Foo"))
        #expect(!robots.isAllowed(path: "/x/y", userAgent: "Bar"))
        #expect(robots.isAllowed(path: "/a", userAgent: "Googlebot"))
        #expect(RobotsProductToken.ofLine(bytes("Foo-Bar_baz2 x")) == .agent("foo-bar_baz"))
        #expect(RobotsProductToken.ofLine(bytes("* ignored")) == .everyAgent)
        #expect(RobotsProductToken.ofLine(bytes("*bot")) == .nothing)
        #expect(RobotsProductToken.ofLine(bytes("ツ")) == .nothing)
    }

    private func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test func theDefaultUserAgentsTokenIsTrawl() {
        #expect(RobotsProductToken.ofCrawler("trawl/0.1 (+https://example.org/bot)") == "trawl")
        #expect(RobotsProductToken.ofCrawler("") == "")
    }

    @Test func anEmptyUserAgentObeysOnlyTheStarGroup() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /\n")
        #expect(robots.isAllowed(path: "/", userAgent: ""))
        #expect(!RobotsTxt("user-agent: *\ndisallow: /\n").isAllowed(path: "/", userAgent: ""))
    }

    // MARK: Line syntax

    @Test func keysAreCaseInsensitive() {
        for text in ["USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n", "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n"] {
            let robots = RobotsTxt(text)
            #expect(robots.isAllowed(path: "/x/y", userAgent: "FooBot"))
            #expect(!robots.isAllowed(path: "/a/b", userAgent: "FooBot"))
        }
    }

    @Test func commonMisspellingsAreAccepted() {
        let robots = RobotsTxt("useragent: a\ndissallow: /1\ndisalow: /2\ndissalow: /3\n\nuser agent: b\ndiasllow: /4\ndisallaw: /5\n")
        for path in ["/1", "/2", "/3"] { #expect(!robots.isAllowed(path: path, userAgent: "a")) }
        for path in ["/4", "/5"] { #expect(!robots.isAllowed(path: path, userAgent: "b")) }
    }

    @Test func aMissingColonIsAcceptedBetweenExactlyTwoWords() {
        #expect(!RobotsTxt("user-agent FooBot\ndisallow /\n").isAllowed(path: "/x", userAgent: "FooBot"))
        #expect(RobotsTxt("user-agent: FooBot\ndisallow / x\n").isAllowed(path: "/x", userAgent: "FooBot"))
    }

    @Test func unknownKeysAndInvalidLinesAreIgnored() {
        let robots = RobotsTxt("foo: FooBot\nbar: /\nuser-agent: FooBot\nnoindex: /x\n: /\njust-one-word\ndisallow: /y\n")
        #expect(robots.isAllowed(path: "/x", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/y", userAgent: "FooBot"))
        #expect(RobotsTxt("foo: FooBot\nbar: /\n").isAllowed(path: "/x/y", userAgent: "FooBot"))
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndingIsALineEnding(end: String) {
        let text = ["User-Agent: foo", "Allow: /some/path", "User-Agent: bar", "", "", "Disallow: /"].joined(separator: end)
        let robots = RobotsTxt(text + end)
        #expect(!robots.isAllowed(path: "/page", userAgent: "bar"))
        #expect(robots.isAllowed(path: "/page", userAgent: "foo"))
        #expect(robots == RobotsTxt(text))
    }

    @Test func whitespaceAroundKeysAndValuesIsIgnored() {
        let robots = RobotsTxt("  \tUser-Agent \t:\t FooBot  \n   Disallow   :   /x   # why\n")
        #expect(!robots.isAllowed(path: "/x", userAgent: "FooBot"))
        #expect(robots.rules(for: "FooBot").rules.map(\.pattern) == ["/x"])
    }

    // MARK: Byte order marks

    @Test func aLeadingByteOrderMarkOrAPrefixOfOneIsSkipped() {
        let body = Array("User-Agent: foo\nDisallow: /AnyValue\n".utf8)
        for mark: [UInt8] in [[0xEF, 0xBB, 0xBF], [0xEF, 0xBB], [0xEF]] {
            #expect(!RobotsTxt(parsing: mark + body).isAllowed(path: "/AnyValue", userAgent: "foo"), "\(mark)")
        }
    }

    @Test func aBrokenOrMisplacedByteOrderMarkSpoilsOnlyItsLine() {
        let broken = RobotsTxt(parsing: [0xEF, 0x11, 0xBF] + Array("User-Agent: foo\nDisallow: /AnyValue\n".utf8))
        #expect(broken.isAllowed(path: "/AnyValue", userAgent: "foo"))
        let inside = RobotsTxt(parsing: Array("User-Agent: foo\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("Disallow: /AnyValue\n".utf8))
        #expect(inside.isAllowed(path: "/AnyValue", userAgent: "foo"))
    }

    // MARK: Sitemaps and crawl-delay

    @Test func sitemapsAreCollectedFromAnywhereWithTheirFullValue() {
        let robots = RobotsTxt("""
            Sitemap: http://foo.bar/sitemap.xml
            User-Agent: foo
            Allow: /some/path
            SITEMAP:   https://foo.bar/a/Map.XML?x=1&y=2
            site-map: http://foo.bar/s3.xml
            sitemap:
            """)
        #expect(robots.sitemaps == ["http://foo.bar/sitemap.xml", "https://foo.bar/a/Map.XML?x=1&y=2", "http://foo.bar/s3.xml"])
    }

    /// Crawl-delay is not part of RFC 9309, so like a sitemap line it must
    /// not end a group's user-agent lines: `*` and `slow` share one group.
    @Test func crawlDelayBelongsToItsGroup() {
        let robots = RobotsTxt("""
            crawl-delay: 99
            user-agent: *
            crawl-delay: 1.5
            user-agent: slow
            crawl-delay: 10
            disallow: /x
            user-agent: fast
            disallow: /y
            """)
        #expect(robots.crawlDelay(userAgent: "slow") == 10)
        #expect(robots.crawlDelay(userAgent: "other") == 10)
        #expect(robots.crawlDelay(userAgent: "fast") == nil)
    }

    @Test func crawlDelayTakesTheLargestValueOfTheMergedGroups() {
        let robots = RobotsTxt("user-agent: a\ncrawl-delay: 2\nuser-agent: b\ndisallow: /\nuser-agent: a\nCrawl-Delay: 5\nallow: /\n")
        #expect(robots.crawlDelay(userAgent: "a") == 5)
        #expect(robots.crawlDelay(userAgent: "b") == 2)
    }

    @Test(arguments: [("10", 10.0), ("0", 0), ("0.5", 0.5), (".5", 0.5), ("5.", 5), ("007", 7)] as [(String, Double)])
    func validCrawlDelays(value: String, seconds: Double) {
        #expect(RobotsTxt("user-agent: *\ncrawl-delay: \(value)\n").crawlDelay(userAgent: "x") == seconds)
    }

    @Test(arguments: ["", "-1", "+1", "1e3", "0x10", "inf", "nan", "ten", "1.2.3", ".", "1 s", String(repeating: "9", count: 400)])
    func invalidCrawlDelaysAreIgnored(value: String) {
        #expect(RobotsTxt("user-agent: *\ncrawl-delay: \(value)\n").crawlDelay(userAgent: "x") == nil)
    }

    // MARK: Hostile input

    @Test func garbageParsesToNothingWithoutCrashing() {
        let inputs: [[UInt8]] = [
            [], [0], [0xFF, 0xFE, 0x00, 0x41], Array(repeating: 0x0A, count: 1000), Array(repeating: 0x3A, count: 1000),
            Array("\0user-agent\0: *\ndisallow\u{7}: /\n".utf8), (0...255).map { UInt8($0) }, Array(repeating: 0x0D, count: 7),
        ]
        for input in inputs {
            let robots = RobotsTxt(parsing: input)
            #expect(robots.isAllowed(path: "/", userAgent: "FooBot"))
        }
    }

    @Test func invalidUTF8InRulesIsPercentEncodedLikeAnyOtherOctet() {
        let robots = RobotsTxt(parsing: Array("user-agent: *\ndisallow: /a".utf8) + [0xC3, 0x28] + [0x0A])
        #expect(!robots.isAllowed(path: "/a%C3(", userAgent: "x"))
        #expect(robots.isAllowed(path: "/a(", userAgent: "x"))
    }

    @Test func onlyTheFirst500KiBAreParsed() {
        let header = Array("user-agent: *\ndisallow: /early\n".utf8)
        let padding = Array(repeating: UInt8(ascii: "#"), count: RobotsParser.byteLimit - header.count - 1) + [0x0A]
        let late = Array("disallow: /late\n".utf8)
        let robots = RobotsTxt(parsing: header + padding + late)
        #expect(!robots.isAllowed(path: "/early", userAgent: "x"))
        #expect(robots.isAllowed(path: "/late", userAgent: "x"))
        // A rule cut by the limit is dropped, not read as a shorter one:
        // "disallow: /private" cut after "/" would disallow everything.
        let rule = Array("disallow: /".utf8)
        let shortPadding = Array(repeating: UInt8(ascii: "#"), count: RobotsParser.byteLimit - header.count - rule.count - 1) + [0x0A]
        let cut = RobotsTxt(parsing: header + shortPadding + rule + Array("private\n".utf8))
        #expect(cut.isAllowed(path: "/x", userAgent: "x"))
        #expect(!cut.isAllowed(path: "/early", userAgent: "x"))
        #expect(RobotsTxt(parsing: header + padding) == RobotsTxt(parsing: header))
    }

    /// `allow: /x/index.html` also allows "/x/$", which is written out too.
    @Test func aRepeatedRuleIsKeptOncePerGroup() {
        let lines = String(repeating: "disallow: /*ab\nallow: /x/index.html\nallow: /x/$\n", count: 10_000)
        let robots = RobotsTxt("user-agent: *\n" + lines + "user-agent: *\ndisallow: /*ab\n")
        #expect(robots.groups.map(\.rules.count) == [3, 1])
        #expect(robots.rules(for: "FooBot").rules.map(\.description) == ["allow: /x/index.html", "allow: /x/$", "disallow: /*ab"])
    }

    @Test func overlongLinesKeepTheirFirst16664Bytes() {
        let longPath = "/x/" + String(repeating: "a", count: RobotsParser.lineLimit)
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: \(longPath)/qux\n")
        #expect(robots.isAllowed(path: "/fux", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: longPath + "/fux", userAgent: "FooBot"))
        #expect(robots.rules(for: "FooBot").rules[0].specificity == RobotsParser.lineLimit - "disallow: ".utf8.count)
    }
}
