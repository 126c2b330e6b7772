import Testing
@testable import TrawlCore

/// The greedy segment matcher, one rule at a time: exact outcomes, and the
/// work it charges for them.
struct RobotsPatternMatchTests {
    /// Whether the one rule `pattern` matches `path` (both as written in a
    /// file or a URL: canonicalized first, as the crawler does).
    private func matches(_ pattern: String, _ path: String) -> Bool {
        RobotsRules(rules: [RobotsRule(.disallow, pattern: pattern)!]).decidingRule(forPath: path) != nil
    }

    private func examined(_ pattern: String, _ path: String) -> Int {
        RobotsRules(rules: [RobotsRule(.disallow, pattern: pattern)!]).evaluate(path: path).bytesExamined
    }

    @Test(arguments: [
        ("/a", "/a", true), ("/a", "/ab", true), ("/a", "/b", false), ("/a", "/", false), ("/ab", "/a", false),
        ("/a$", "/a", true), ("/a$", "/ab", false), ("/a$", "/a?", false),
    ])
    func aPatternWithoutStarsIsAPrefix(pattern: String, path: String, expected: Bool) {
        #expect(matches(pattern, path) == expected)
    }

    @Test(arguments: [
        ("/a*b*c", "/axbyc", true), ("/a*b*c", "/abc", true), ("/a*b*c", "/a/b/c/d", true), ("/a*b*c", "/acb", false),
        ("/a*b*c", "/ab", false), ("/*x*y*z", "/zyxxyz", true), ("/*x*y*z", "/zyxzyx", false),
        // A later segment is found after the earlier one ends, never inside it.
        ("/*ab*ba", "/aba", false), ("/*ab*ba", "/abba", true), ("/*aba*aba", "/ababa", false), ("/*aba*aba", "/abaaba", true),
        // Leftmost placement is found however the segment overlaps itself.
        ("/*aab", "/aaab", true), ("/*abab*c", "/abaababc", true), ("/*aaab", "/aaaaaaaa", false),
    ])
    func starsMatchAnyRunAndSegmentsKeepTheirOrder(pattern: String, path: String, expected: Bool) {
        #expect(matches(pattern, path) == expected)
    }

    @Test(arguments: [
        ("/*.php$", "/x.php", true), ("/*.php$", "/x.php?q", false), ("/*.php$", "/.php", true), ("/*.php$", "/php", false),
        ("/a*b$", "/ab", true), ("/a*b$", "/abb", true), ("/a*b$", "/aba", false),
        // The suffix must lie after the prefix, not overlap it.
        ("/ab*b$", "/ab", false), ("/a*a$", "/a", false), ("/a*a$", "/aa", true),
        // Middle segments fit between prefix and suffix, or the rule fails.
        ("/*x*y$", "/xy", true), ("/*x*y$", "/yxy", true), ("/*x*y$", "/yx", false), ("/*y*y$", "/y", false),
        ("/*y*y$", "/yy", true),
    ])
    func dollarAnchorsTheLastSegmentAtTheEnd(pattern: String, path: String, expected: Bool) {
        #expect(matches(pattern, path) == expected)
    }

    @Test(arguments: [
        ("/a*", "/a", true), ("/a*", "/abc", true), ("/a*", "/b", false),
        ("/a*$", "/a", true), ("/a*$", "/a/b?c", true), ("*", "/", true), ("*$", "/anything", true),
        ("/a**b", "/ab", true), ("/a**b", "/a/x/b", true), ("/a**b", "/ba", false), ("**", "/", true),
        ("/**$", "/x", true), ("*/x", "/x", true), ("*/x", "/a/x", true), ("x", "/x", false),
    ])
    func aStarAtTheEndAndEmptySegmentsConstrainNothing(pattern: String, path: String, expected: Bool) {
        #expect(matches(pattern, path) == expected)
    }

    @Test(arguments: [
        ("/caf%c3%a9*menu$", "/café/menu", true), ("/café*menu$", "/caf%C3%A9/menu", true),
        ("/%7Euser*x", "/~user/x", true), ("/a%2A*b", "/a*xb", true), ("/a%2A*b", "/axb", false),
        ("/*%24$", "/price$", true), ("/*?*q=https://x$", "/s?q=https%3A%2F%2Fx", true), ("/a*%2Fb", "/a/b", false),
    ])
    func patternsAndPathsMeetInTheirCanonicalForms(pattern: String, path: String, expected: Bool) {
        #expect(matches(pattern, path) == expected)
    }

    /// One unit per rule looked at, plus each byte compared or scanned.
    @Test func theWorkChargedIsTheBytesExamined() {
        #expect(examined("/abc", "/abd") == 1 + 4)  // compared up to and including the difference
        #expect(examined("/abc", "/abc/d") == 1 + 4)
        #expect(examined("/abcdef", "/abc") == 1)  // longer than the path: not compared at all
        #expect(examined("/a$", "/ab") == 1)  // anchored without a star: the length decides
        #expect(examined("/*x$", "/abcy") == 1 + 1 + 1)  // prefix "/", then the suffix's last byte
        #expect(examined("/*x", "/abcx") == 1 + 1 + 4)  // prefix "/", then 4 path bytes scanned
        #expect(examined("/*x", "/abcd") == 1 + 1 + 4)
        #expect(examined("/*xy*z", "/zzxyzz") == 1 + 1 + 4 + 1)  // "xy" after reading "zzxy", then "z" at once
    }
}
