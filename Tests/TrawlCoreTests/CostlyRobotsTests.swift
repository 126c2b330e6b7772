import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// A host whose robots.txt is ~500 KiB of rules built to be slow to match
/// (h5 of the hostile web), crawled in every mode: its 8 KiB path is judged
/// within the matcher's budget and recorded as disallowed (the safe side),
/// its ordinary pages are judged as usual, and the crawl does not stall.
@Suite(.timeLimit(.minutes(2)))
struct CostlyRobotsTests {
    static let web = PolitenessTests.hostileWeb(hosts: 6, pages: 4)
    static let root = "http://h5.trawl.test/"

    @Test(arguments: PolitenessTests.modes)
    func theLongPathIsDisallowedWithinTheBudgetAndTheRestIsJudgedAsUsual(strategy: StrategyEquivalenceTests.Strategy) async throws {
        #expect(Self.web.robotsVariant(host: "h5.trawl.test") == .costly)
        let start = ContinuousClock.now
        let run = try await CrawlHarness.crawl(Self.web, name: "costly-robots-\(strategy.testDescription)", seeds: [Self.root]) {
            strategy.apply(to: &$0)
            $0.limits.obeyRobots = true
            $0.limits.maxDepth = 1
            $0.allow = [try! PatternMatcher(#"^http://h5\.trawl\.test/($|trap/found/|private/)"#, flag: "--allow")]
        }
        let elapsed = ContinuousClock.now - start
        let lines = Dictionary(run.pageLines.map { ($0["url"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(lines[Self.root]?["status"] as? Int == 200)
        let long = try #require(lines[Self.root + "trap/found/" + String(repeating: "a", count: 8_100)])
        #expect(long["error"] as? String == "robots-disallowed")
        #expect(long["error_detail"] as? String == "robots.txt takes more than \(RobotsRules.workBudget) steps to judge "
            + "this URL (a file built to be slow to match): treated as disallowing it")
        let privatePage = try #require(lines[Self.root + "private/1"])
        #expect(privatePage["error_detail"] as? String == "robots.txt disallows it for trawl")
        #expect(run.result.report.completed)
        // A backtracking matcher took about a second for the long path
        // alone; the whole crawl, robots.txt fetch included, takes far less.
        #expect(elapsed < .seconds(20), "the crawl took \(elapsed)")
    }
}
