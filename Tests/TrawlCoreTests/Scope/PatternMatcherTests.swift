import Foundation
import Testing
@testable import TrawlCore

struct PatternMatcherTests {
    private let clock = ContinuousClock()

    /// Ran 34 s under NSRegularExpression and held a crawl worker.
    @Test func catastrophicBacktrackingTimesOutInMilliseconds() throws {
        let matcher = try PatternMatcher("(a+)+$", flag: "--deny")
        let link = String(repeating: "a", count: 70) + "!"
        for _ in 0..<3 {
            var outcome = PatternMatcher.Match.matched
            let elapsed = clock.measure { outcome = matcher.match(link) }
            // Steps, not time: the same answer on every run.
            #expect(outcome == .timedOut)
            #expect(elapsed < .milliseconds(500), "took \(elapsed)")
        }
        #expect(matcher.matches(link) == false)
        #expect(matcher.match(String(repeating: "a", count: 70)) == .matched)
    }

    @Test(arguments: [
        // pattern, text
        ("/trap/", "http://h0.trawl.test/trap/1"),
        ("/trap/", "http://h0.trawl.test/tra/p"),
        (#"\.pdf$"#, "http://a.example/x.pdf"),
        (#"\.pdf$"#, "http://a.example/x.pdf?y"),
        (#"^http://h4\.trawl\.test/"#, "http://h4.trawl.test/a"),
        (#"^http://h4\.trawl\.test/"#, "https://h4.trawl.test/a"),
        ("^(utm_|sessionid$)", "utm_source"),
        ("^(utm_|sessionid$)", "sessionid2"),
        ("(?i)LOGIN", "http://a.example/login"),
        ("é/日本", "http://a.example/é/日本"),
        (#"\bb\b"#, "a b c"),
        ("^$", ""),
        (".*a.*b.*c.*z", "https://www.example.com/blog/2024/03/some-article-title-here/comments?page=2&sort=desc"),
        (#".*\?.*sort=.*"#, "https://www.example.com/blog/2024/03/some-article-title-here/comments?page=2&sort=desc"),
    ])
    func ordinaryPatternsAnswerAsNSRegularExpressionDid(pattern: String, text: String) throws {
        let expected = try NSRegularExpression(pattern: pattern)
            .firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        let matcher = try PatternMatcher(pattern, flag: "--allow")
        #expect(matcher.match(text) == (expected ? .matched : .notMatched))
        #expect(matcher.matches(text) == expected)
        #expect(matcher.pattern == pattern)
    }

    @Test func invalidPatternNamesTheFlag() {
        #expect {
            try PatternMatcher("([", flag: "--deny")
        } throws: { error in
            (error as? TrawlError)?.code == .badOption
                && (error as? TrawlError)?.message == "--deny '([' is not a valid regular expression"
        }
    }

    @Test func aSmallerStepLimitTimesOutSooner() throws {
        let text = "https://www.example.com/blog/2024/03/some-article-title-here/comments?page=2&sort=desc"
        // About 2 units of 10,000 steps: fine at the default, not at 1.
        #expect(try PatternMatcher(".*a.*b.*c.*z", flag: "--deny").match(text) == .notMatched)
        #expect(try PatternMatcher(".*a.*b.*c.*z", flag: "--deny", stepLimit: 1).match(text) == .timedOut)
    }

    @Test func oneMatcherServesManyThreadsAtOnce() async throws {
        let matcher = try PatternMatcher(#"/p/[0-9]*7$"#, flag: "--deny")
        let slow = try PatternMatcher("(a+)+$", flag: "--deny")
        let outcomes = await withTaskGroup(of: [PatternMatcher.Match].self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<500).map { index in
                        index % 100 == 0 ? slow.match(String(repeating: "a", count: 40) + "!")
                            : matcher.match("http://h.test/p/\(task * 1000 + index)")
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for list in outcomes {
            #expect(list.filter { $0 == .timedOut }.count == 5)
            #expect(list.filter { $0 == .matched }.count == 50)
        }
    }
}
