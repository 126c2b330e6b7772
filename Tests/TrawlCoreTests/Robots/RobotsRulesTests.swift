import Testing
import TrawlCore
import TrawlURL

/// Matching one agent's merged rules against paths: wildcards, anchors,
/// percent-encoding, queries and the longest-match order.
struct RobotsRulesTests {
    private func rules(_ lines: String) -> RobotsRules {
        RobotsTxt("user-agent: *\n" + lines).rules(for: "FooBot")
    }

    @Test func theLongestMatchWinsAndAllowWinsATie() {
        let cases: [(String, String, Bool)] = [
            ("disallow: /x/page.html\nallow: /x/", "/x/page.html", false),
            ("allow: /x/page.html\ndisallow: /x/", "/x/page.html", true),
            ("allow: /x/page.html\ndisallow: /x/", "/x/", false),
            ("disallow: /\nallow: /", "/x/page.html", true),
            ("disallow: /x\nallow: /x/", "/x", false),
            ("disallow: /x\nallow: /x/", "/x/", true),
            ("allow: /page\ndisallow: /*.html", "/page.html", false),
            ("allow: /page\ndisallow: /*.html", "/page", true),
            ("allow: /x/page.\ndisallow: /*.html", "/x/page.html", true),
            ("allow: /x/page.\ndisallow: /*.html", "/x/y.html", false),
            ("allow: /p\ndisallow: /", "/page", true),
            ("allow: /folder\ndisallow: /folder", "/folder/page", true),
            ("allow: /page\ndisallow: /*.htm", "/page.htm", false),
            ("allow: /$\ndisallow: /", "/", true),
            ("allow: /$\ndisallow: /", "/page.html", false),
        ]
        for (lines, path, allowed) in cases {
            #expect(rules(lines).isAllowed(path: path) == allowed, "\(lines) | \(path)")
        }
    }

    @Test func rulesAreOrderedMostSpecificFirstWithAllowBeforeDisallow() {
        let merged = rules("disallow: /ab\nallow: /a\ndisallow: /abc\nallow: /ab\n")
        #expect(merged.rules.map(\.description) == ["disallow: /abc", "allow: /ab", "disallow: /ab", "allow: /a"])
    }

    @Test func emptyRulesMatchNothing() {
        #expect(rules("disallow:\n").isAllowed(path: "/x/page.html"))
        #expect(rules("disallow: \nallow: \n").rules.isEmpty)
        #expect(RobotsRule(.disallow, pattern: "") == nil)
    }

    @Test func starMatchesAnySequenceIncludingNone() {
        let fish = rules("disallow: /\nallow: /fish*.php\n")
        #expect(fish.isAllowed(path: "/fish.php"))
        #expect(fish.isAllowed(path: "/fishheads/catfish.php?parameters"))
        #expect(!fish.isAllowed(path: "/Fish.PHP"))
        let php = rules("disallow: /\nallow: /*.php\n")
        for path in ["/filename.php", "/folder/filename.php", "/folder/filename.php?parameters", "//folder/any.php.file.html",
                     "/filename.php/", "/index?f=filename.php/"] {
            #expect(php.isAllowed(path: path), "\(path)")
        }
        for path in ["/bar", "/php/", "/index?php", "/windows.PHP"] {
            #expect(!php.isAllowed(path: path), "\(path)")
        }
        #expect(!rules("disallow: *\n").isAllowed(path: "/"))
    }

    @Test func dollarAnchorsOnlyAtTheEnd() {
        let php = rules("disallow: /\nallow: /*.php$\n")
        #expect(php.isAllowed(path: "/filename.php"))
        #expect(php.isAllowed(path: "/folder/filename.php"))
        for path in ["/filename.php?parameters", "/filename.php/", "/filename.php5", "/filename?php", "/aaaphpaaa"] {
            #expect(!php.isAllowed(path: path), "\(path)")
        }
        // A "$" elsewhere is an ordinary character.
        let middle = rules("disallow: /a$b\n")
        #expect(!middle.isAllowed(path: "/a$b/c"))
        #expect(middle.isAllowed(path: "/a"))
        #expect(middle.rules[0].pattern == "/a%24b")
    }

    @Test func percentEscapesCompareWithoutCase() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /a%3cd\n")
        #expect(!robots.allows("http://foo.bar/a%3Cd", agent: "FooBot"))
        #expect(!robots.allows("http://foo.bar/a%3cd", agent: "FooBot"))
        #expect(!robots.allows("http://foo.bar/a<d", agent: "FooBot"))
        #expect(robots.allows("http://foo.bar/a%3Dd", agent: "FooBot"))
    }

    @Test func nonASCIIRulesMatchEncodedAndRawPaths() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /\nallow: /foo/bar/ツ\nallow: /café\n")
        #expect(robots.allows("http://foo.bar/foo/bar/%E3%83%84", agent: "FooBot"))
        #expect(robots.allows("http://foo.bar/foo/bar/ツ", agent: "FooBot"))
        #expect(robots.isAllowed(path: "/foo/bar/ツ", userAgent: "FooBot"))
        #expect(robots.isAllowed(path: "/caf%c3%a9/menu", userAgent: "FooBot"))
        #expect(!robots.isAllowed(path: "/cafe", userAgent: "FooBot"))
    }

    @Test func reservedCharactersAndTheirEscapesStayDistinctInThePath() {
        let slash = rules("disallow: /a%2Fb\n")
        #expect(!slash.isAllowed(path: "/a%2fb"))
        #expect(slash.isAllowed(path: "/a/b"))
        let ampersand = rules("disallow: /?a=1&b=2\n")
        #expect(!ampersand.isAllowed(path: "/?a=1&b=2"))
        #expect(ampersand.isAllowed(path: "/?a=1%26b=2"))
    }

    @Test func queriesAreMatchedWithThePath() {
        let robots = RobotsTxt("user-agent: FooBot\ndisallow: /\nallow: /fish\nallow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n")
        #expect(robots.allows("http://foo.bar/fish.html?id=anything", agent: "FooBot"))
        #expect(!robots.allows("http://foo.bar/?id=fish", agent: "FooBot"))
        #expect(robots.allows("http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par", agent: "FooBot"))
        #expect(robots.allows("http://foo.bar/foo/bar?qux=taz&baz=http%3A%2F%2Ffoo.bar%3Ftar&par", agent: "FooBot"))
        let sorting = rules("disallow: /*?*sort=\n")
        #expect(!sorting.isAllowed(path: "/list?page=2&sort=asc"))
        #expect(sorting.isAllowed(path: "/list?page=2"))
        #expect(sorting.isAllowed(path: "/sort=asc"))
    }

    @Test func theFragmentIsNotPartOfThePath() {
        let anchored = rules("disallow: /a$\n")
        #expect(!anchored.isAllowed(path: "/a#section"))
        #expect(!anchored.isAllowed(WebURL("http://x/a#section")!))
    }

    @Test func aPathWithoutLeadingSlashGetsOne() {
        let robots = rules("disallow: /$\ndisallow: /?q\n")
        #expect(!robots.isAllowed(path: ""))
        #expect(!robots.isAllowed(path: "?q=1"))
        #expect(robots.isAllowed(path: "x"))
    }

    @Test func anAllowedIndexPageAllowsItsDirectory() {
        let robots = rules("Allow: /allowed-slash/index.html\nDisallow: /\n")
        #expect(robots.isAllowed(path: "/allowed-slash/"))
        #expect(robots.isAllowed(path: "/allowed-slash/index.html"))
        #expect(!robots.isAllowed(path: "/allowed-slash/index.htm"))
        #expect(!robots.isAllowed(path: "/allowed-slash/other"))
        #expect(!robots.isAllowed(path: "/anyother-url"))
    }

    @Test func robotsTxtIsAllowedEvenUnderDisallowAll() {
        #expect(RobotsRules.disallowAll.isAllowed(path: "/robots.txt"))
        #expect(RobotsRules.disallowAll.isAllowed(path: "/robots.txt?v=2"))
        #expect(RobotsRules.disallowAll.isAllowed(path: "/robots%2Etxt"))
        #expect(!RobotsRules.disallowAll.isAllowed(path: "/"))
        #expect(!RobotsRules.disallowAll.isAllowed(path: "/ROBOTS.TXT"))
        #expect(RobotsRules.allowAll.isAllowed(path: "/anything"))
    }

    @Test func decidingRuleExplainsTheOutcome() {
        let merged = rules("disallow: /shop\nallow: /shop/public\n")
        #expect(merged.decidingRule(forPath: "/shop/public/a")?.description == "allow: /shop/public")
        #expect(merged.decidingRule(forPath: "/shop/cart")?.description == "disallow: /shop")
        #expect(merged.decidingRule(forPath: "/") == nil)
    }

    @Test func aLongPathIsMatchedToo() {
        let long = "/" + String(repeating: "segment/", count: 2000)
        let merged = rules("disallow: /*/segment/*/end$\n")
        #expect(!merged.isAllowed(path: long + "end"))
        #expect(merged.isAllowed(path: long + "end/"))
    }
}
