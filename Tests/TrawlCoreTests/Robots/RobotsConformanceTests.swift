import Testing
import TrawlCore

/// Every example of RFC 9309, with the outcome the text gives it.
struct RobotsConformanceTests {
    // MARK: §2.2.1 The User-Agent Line

    @Test func groupsNamingTheSameAgentAreMerged() {
        let robots = RobotsTxt("""
            user-agent: ExampleBot
            disallow: /foo
            disallow: /bar

            user-agent: ExampleBot
            disallow: /baz
            """)
        for path in ["/foo", "/bar", "/baz"] {
            #expect(!robots.isAllowed(path: path, userAgent: "ExampleBot"), "\(path)")
        }
        #expect(robots.isAllowed(path: "/qux", userAgent: "ExampleBot"))
    }

    @Test func anAgentWithoutAGroupObeysTheStarGroup() {
        let robots = RobotsTxt("""
            user-agent: *
            disallow: /foo
            disallow: /bar

            user-agent: BazBot
            disallow: /baz
            """)
        #expect(!robots.isAllowed(path: "/foo", userAgent: "ExampleBot"))
        #expect(!robots.isAllowed(path: "/bar", userAgent: "ExampleBot"))
        #expect(robots.isAllowed(path: "/baz", userAgent: "ExampleBot"))
    }

    @Test func theProductTokenIsFoundInTheUserAgentHeader() {
        let robots = RobotsTxt("user-agent: ExampleBot\ndisallow: /\n")
        #expect(!robots.isAllowed(path: "/x", userAgent: "ExampleBot/0.1 (https://www.example.com/bot.html)"))
        #expect(!robots.isAllowed(path: "/x", userAgent: "examplebot"))
        #expect(robots.isAllowed(path: "/x", userAgent: "OtherBot/1.0"))
    }

    @Test func withNoMatchingGroupAndNoStarGroupNoRulesApply() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /\nuser-agent: BarBot\ndisallow: /\n")
        #expect(robots.isAllowed(path: "/x/y", userAgent: "QuxBot"))
        #expect(RobotsTxt("").isAllowed(path: "/x/y", userAgent: "QuxBot"))
    }

    // MARK: §2.2.2 The "Allow" and "Disallow" Lines

    /// The table "Examples of matching percent-encoded URI components":
    /// each spelling of a path matches the rule written in any other.
    @Test(arguments: [
        ("/foo/bar?baz=quz", "/foo/bar?baz=quz"),
        ("/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar"),
        ("/foo/bar/ツ", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"),
        ("/foo/bar/%62%61%7A", "/foo/bar/baz"),
    ])
    func percentEncodedSpellingsMatchEachOther(path: String, encoded: String) {
        for (rule, url) in [(path, encoded), (encoded, path), (path, path), (encoded, encoded)] {
            let robots = RobotsTxt("user-agent: FooBot\ndisallow: /\nallow: \(rule)$\n")
            #expect(robots.allows("http://foo.bar\(url)", agent: "FooBot"), "rule \(rule), URL \(url)")
        }
    }

    @Test func matchingIsCaseSensitiveAndStartsAtTheFirstOctet() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /x/\n")
        #expect(!robots.isAllowed(path: "/x/y", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/X/y", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/a/x/y", userAgent: "FooBot"))
    }

    @Test func equivalentAllowAndDisallowRulesAllow() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n")
        #expect(robots.isAllowed(path: "/x/page.html", userAgent: "FooBot"))
    }

    @Test func aGroupWithoutMatchingRulesOrWithoutRulesAllows() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /private\n\nuser-agent: QuxBot\n")
        #expect(robots.isAllowed(path: "/public", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/private", userAgent: "QuxBot"))
    }

    @Test func robotsTxtItselfIsImplicitlyAllowed() {
        let robots = RobotsTxt("user-agent: *\ndisallow: /\ndisallow: /robots.txt$\n")
        #expect(robots.isAllowed(path: "/robots.txt", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/robots.txt.bak", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/x/robots.txt", userAgent: "FooBot"))
    }

    @Test func rulesBeforeTheFirstUserAgentLineAreIgnored() {
        let robots = RobotsTxt("disallow: /\nallow: /x\n\nuser-agent: FooBot\ndisallow: /y\n")
        #expect(robots.isAllowed(path: "/z", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/z", userAgent: "BarBot"))
        #expect(!robots.isAllowed(path: "/y", userAgent: "FooBot"))
    }

    // MARK: §2.2.3 Special Characters

    @Test func commentsDollarAndStarAreSpecial() {
        let comment = RobotsTxt("# comment on its own line\nuser-agent: FooBot\ndisallow: /\nallow: / # comment in line\n")
        #expect(comment.isAllowed(path: "/x", userAgent: "FooBot"))
        let dollar = RobotsTxt("user-agent: FooBot\ndisallow: /\nallow: /this/path/exactly$\n")
        #expect(dollar.isAllowed(path: "/this/path/exactly", userAgent: "FooBot"))
        #expect(!dollar.isAllowed(path: "/this/path/exactly/not", userAgent: "FooBot"))
        #expect(!dollar.isAllowed(path: "/this/path/exactly?q", userAgent: "FooBot"))
        let star = RobotsTxt("user-agent: FooBot\ndisallow: /\nallow: /this/*/exactly\n")
        #expect(star.isAllowed(path: "/this/any/thing/exactly", userAgent: "FooBot"))
        #expect(star.isAllowed(path: "/this//exactly", userAgent: "FooBot"))
        #expect(!star.isAllowed(path: "/this/exactly", userAgent: "FooBot"))
    }

    @Test func percentEncodedSpecialCharactersMatchThemVerbatim() {
        let robots = RobotsTxt("user-agent: *\ndisallow: /path/file-with-a-%2A.html\ndisallow: /path/foo-%24\n")
        #expect(!robots.allows("https://www.example.com/path/file-with-a-*.html", agent: "FooBot"))
        #expect(robots.allows("https://www.example.com/path/file-with-a-x.html", agent: "FooBot"))
        #expect(!robots.allows("https://www.example.com/path/foo-$", agent: "FooBot"))
        #expect(robots.allows("https://www.example.com/path/foo-", agent: "FooBot"))
    }

    // MARK: §2.2.4 Other Records

    @Test func aSitemapRecordDoesNotEndAGroup() {
        let robots = RobotsTxt("user-agent: FooBot\nsitemap: https://example.com/sitemap.xml\nuser-agent: BarBot\ndisallow: /\n")
        #expect(!robots.isAllowed(path: "/x", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/x", userAgent: "BarBot"))
        #expect(robots.sitemaps == ["https://example.com/sitemap.xml"])
    }

    // MARK: §5.1 Simple Example

    static let simpleExample = RobotsTxt("""
        User-Agent: *
        Disallow: *.gif$
        Disallow: /example/
        Allow: /publications/

        User-Agent: foobot
        Disallow:/
        Allow:/example/page.html
        Allow:/example/allowed.gif

        User-Agent: barbot
        User-Agent: bazbot
        Disallow: /example/page.html

        User-Agent: quxbot

        EOF
        """)

    @Test(arguments: [
        // "*": /publications/ allowed, /example/ and every .gif disallowed.
        ("otherbot", "/publications/paper.html", true),
        ("otherbot", "/publications/figure.gif", true),
        ("otherbot", "/example/page.html", false),
        ("otherbot", "/images/logo.gif", false),
        ("otherbot", "/images/logo.gif?size=2", true),
        ("otherbot", "/about", true),
        // foobot: only the two allowed paths.
        ("foobot", "/example/page.html", true),
        ("foobot", "/example/allowed.gif", true),
        ("foobot", "/example/other.html", false),
        ("foobot", "/publications/paper.html", false),
        ("foobot", "/", false),
        // barbot and bazbot: everything but /example/page.html.
        ("barbot", "/example/page.html", false),
        ("bazbot", "/example/page.html", false),
        ("barbot", "/example/other.html", true),
        ("bazbot", "/images/logo.gif", true),
        // quxbot: an empty group at the end of the file allows everything.
        ("quxbot", "/example/page.html", true),
        ("quxbot", "/images/logo.gif", true),
    ])
    func simpleExample(agent: String, path: String, allowed: Bool) {
        #expect(Self.simpleExample.isAllowed(path: path, userAgent: agent) == allowed)
    }

    // MARK: §5.2 Longest Match

    @Test func theLongestMatchingRuleIsUsed() {
        let robots = RobotsTxt("User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n")
        #expect(!robots.isAllowed(path: "/example/page/disallowed.gif", userAgent: "foobot"))
        #expect(robots.isAllowed(path: "/example/page/allowed.gif", userAgent: "foobot"))
        #expect(robots.rules(for: "foobot").decidingRule(forPath: "/example/page/disallowed.gif")?.description
            == "disallow: /example/page/disallowed.gif")
    }
}
