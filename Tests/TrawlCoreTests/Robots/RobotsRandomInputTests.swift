import Testing
@testable import TrawlCore

/// Seeded random inputs: the parser and matcher never crash, and the
/// properties the RFC promises hold for inputs nobody wrote by hand.
/// About 40,000 cases in all; a few seconds in a debug build.
@Suite(.timeLimit(.minutes(1)))
struct RobotsRandomInputTests {
    /// Pieces a robots.txt is made of, so random files reach deep into the
    /// parser instead of being rejected at the first byte.
    private static let fragments: [[UInt8]] = [
        "user-agent", "User-Agent", "allow", "disallow", "Disallow", "sitemap", "crawl-delay", "*", "$", "#", ":", " ", "\t",
        "\n", "\r", "\r\n", "/", "?", "%", "%2", "%41", "%e3%83%84", "FooBot", "a", "b", "0", ".5", "index.html", "ツ",
    ].map { Array($0.utf8) } + [[0xEF, 0xBB, 0xBF], [0xFF], [0x00], [0xC3]]

    private static func randomFile(_ random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 0..<60, using: &random) {
            if Bool.random(using: &random) {
                bytes += fragments.randomElement(using: &random)!
            } else {
                bytes.append(UInt8.random(in: 0...255, using: &random))
            }
        }
        return bytes
    }

    @Test func randomBytesNeverCrashAndKeepRobotsTxtAllowed() {
        var random = SeededGenerator(seed: 9309)
        let agents = ["FooBot", "foobot/1.0", "", "*", "BarBot"]
        for _ in 0..<10_000 {
            let file = Self.randomFile(&random)
            let robots = RobotsTxt(parsing: file)
            #expect(robots == RobotsTxt(parsing: file))
            let rules = robots.rules(for: agents.randomElement(using: &random)!)
            _ = rules.isAllowed(path: String(decoding: Self.randomFile(&random).prefix(40), as: UTF8.self))
            if let delay = rules.crawlDelay { #expect(delay >= 0 && delay.isFinite) }
            #expect(rules.isAllowed(path: "/robots.txt"))
        }
    }

    /// Characters a rule can hold that are neither special to robots.txt
    /// (`*`, `$`, `#`) nor trimmed or split off (whitespace, line ends).
    private static let ruleAlphabet: [String] = [
        "a", "B", "z", "0", "-", ".", "_", "~", "/", "/", "?", "=", "&", ":", "@", "%", "%2f", "%41", "%7e", "'", "\"", "<", "é", "ツ",
    ]

    private static func randomRulePath(_ random: inout SeededGenerator) -> String {
        "/" + (0..<Int.random(in: 0..<12, using: &random)).map { _ in ruleAlphabet.randomElement(using: &random)! }.joined()
    }

    @Test func aPathEqualToARuleIsDecidedByThatRule() {
        var random = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let path = Self.randomRulePath(&random)
            if path.hasPrefix("/robots.txt") { continue }
            let allowOverDisallowAll = RobotsTxt("user-agent: *\ndisallow: /\nallow: \(path)\n")
            #expect(allowOverDisallowAll.isAllowed(path: path, userAgent: "x"), "\(path)")
            let disallowed = RobotsTxt("user-agent: *\ndisallow: \(path)\n")
            #expect(!disallowed.isAllowed(path: path, userAgent: "x"), "\(path)")
            #expect(!disallowed.isAllowed(path: path + "/more", userAgent: "x"), "\(path)")
            let tie = RobotsTxt("user-agent: *\ndisallow: \(path)\nallow: \(path)\n")
            #expect(tie.isAllowed(path: path, userAgent: "x"), "\(path)")
        }
    }

    @Test func escapingUnreservedCharactersDoesNotChangeADecision() {
        var random = SeededGenerator(seed: 7)
        for _ in 0..<5_000 {
            let path = Self.randomRulePath(&random)
            if path.hasPrefix("/robots.txt") { continue }
            let robots = RobotsTxt("user-agent: *\ndisallow: \(path)$\n")
            // Escape unreserved bytes at random, but never one of the two
            // after a "%": that would change which escapes the path holds.
            let bytes = Array(path.utf8)
            var escaped: [UInt8] = []
            for i in bytes.indices {
                let afterPercent = bytes[max(0, i - 2)..<i].contains(RobotsByte.percent)
                if RobotsByte.isUnreserved(bytes[i]) && !afterPercent && Bool.random(using: &random) {
                    escaped += Array("%\(String(bytes[i], radix: 16, uppercase: Bool.random(using: &random)))".utf8)
                } else {
                    escaped.append(bytes[i])
                }
            }
            let spelled = String(decoding: escaped, as: UTF8.self)
            #expect(!robots.isAllowed(path: spelled, userAgent: "x"), "\(path) as \(spelled)")
        }
    }

    /// The matcher against a dynamic-programming reference (kept here, in
    /// the tests, as the simplest correct definition) over a small
    /// alphabet, where stars and anchors interact the most.
    @Test func wildcardMatchingAgreesWithAReferenceMatcher() {
        var random = SeededGenerator(seed: 2022)
        let patternBytes = Array("ab/*".utf8), pathBytes = Array("ab/".utf8)
        for _ in 0..<5_000 {
            var pattern = (0..<Int.random(in: 1..<9, using: &random)).map { _ in patternBytes.randomElement(using: &random)! }
            let anchored = Bool.random(using: &random)
            let path = [RobotsByte.slash] + (0..<Int.random(in: 0..<10, using: &random)).map { _ in pathBytes.randomElement(using: &random)! }
            let expected = Self.referenceMatch(pattern, anchored: anchored, path)
            if anchored { pattern.append(RobotsByte.dollar) }
            let rule = RobotsRule(.disallow, pattern: pattern)!
            let actual = RobotsRules(rules: [rule]).decidingRule(forPath: String(decoding: path, as: UTF8.self)) != nil
            #expect(actual == expected, "\(String(decoding: pattern, as: UTF8.self)) vs \(String(decoding: path, as: UTF8.self))")
        }
    }

    /// Longer patterns, several stars and self-overlapping segments, where
    /// a greedy matcher that placed segments wrongly would show it.
    @Test func greedySegmentMatchingAgreesWithAReferenceMatcher() {
        var random = SeededGenerator(seed: 19)
        let patternBytes = Array("aab/**".utf8), pathBytes = Array("aaab/".utf8)
        for _ in 0..<10_000 {
            var pattern = (0..<Int.random(in: 1..<16, using: &random)).map { _ in patternBytes.randomElement(using: &random)! }
            let anchored = Bool.random(using: &random)
            let path = [RobotsByte.slash] + (0..<Int.random(in: 0..<40, using: &random)).map { _ in pathBytes.randomElement(using: &random)! }
            let expected = Self.referenceMatch(pattern, anchored: anchored, path)
            if anchored { pattern.append(RobotsByte.dollar) }
            let rules = RobotsRules(rules: [RobotsRule(.disallow, pattern: pattern)!])
            let text = String(decoding: path, as: UTF8.self)
            #expect((rules.decidingRule(forPath: text) != nil) == expected, "\(String(decoding: pattern, as: UTF8.self)) vs \(text)")
            #expect(rules.verdict(path: text) == (expected ? .disallowed : .allowed))
        }
    }

    /// Several rules of both kinds: the verdict is RFC 9309's longest match
    /// (allow winning a tie), computed here from the reference matcher.
    @Test func verdictsAgreeWithAReferenceLongestMatch() {
        var random = SeededGenerator(seed: 9309_2)
        let patternBytes = Array("ab/*".utf8), pathBytes = Array("ab/".utf8)
        for _ in 0..<5_000 {
            let rules: [(kind: RobotsRule.Kind, bytes: [UInt8], anchored: Bool)] = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                let bytes = [RobotsByte.slash] + (0..<Int.random(in: 0..<6, using: &random)).map { _ in patternBytes.randomElement(using: &random)! }
                return (Bool.random(using: &random) ? .allow : .disallow, bytes, Bool.random(using: &random))
            }
            let path = [RobotsByte.slash] + (0..<Int.random(in: 0..<12, using: &random)).map { _ in pathBytes.randomElement(using: &random)! }
            let matching = rules.filter { Self.referenceMatch($0.bytes, anchored: $0.anchored, path) }
            let longest = matching.map { $0.bytes.count + ($0.anchored ? 1 : 0) }.max()
            let expected: RobotsVerdict = longest.map { length in
                matching.contains { $0.kind == .allow && $0.bytes.count + ($0.anchored ? 1 : 0) == length } ? .allowed : .disallowed
            } ?? .allowed
            let merged = RobotsRules(rules: rules.map { RobotsRule($0.kind, pattern: $0.bytes + ($0.anchored ? [RobotsByte.dollar] : []))! })
            let text = String(decoding: path, as: UTF8.self)
            #expect(merged.verdict(path: text) == expected, "\(merged.rules) vs \(text)")
        }
    }

    /// matches[i][j]: the first i pattern bytes match the first j path bytes.
    private static func referenceMatch(_ pattern: [UInt8], anchored: Bool, _ path: [UInt8]) -> Bool {
        var matches = Array(repeating: Array(repeating: false, count: path.count + 1), count: pattern.count + 1)
        matches[0][0] = true
        for i in 1...pattern.count {
            for j in 0...path.count {
                if pattern[i - 1] == RobotsByte.star {
                    matches[i][j] = matches[i - 1][j] || (j > 0 && matches[i][j - 1])
                } else {
                    matches[i][j] = j > 0 && matches[i - 1][j - 1] && pattern[i - 1] == path[j - 1]
                }
            }
        }
        return anchored ? matches[pattern.count][path.count] : matches[pattern.count].contains(true)
    }
}
