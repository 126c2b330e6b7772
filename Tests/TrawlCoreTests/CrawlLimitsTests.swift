import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// The crawl-wide limits and the trap limits, crawled for real in every
/// mode: each ends the crawl (or turns URLs away) the same way, says so in
/// report.json, and leaves every export valid.
@Suite(.timeLimit(.minutes(3)))
struct CrawlLimitsTests {
    static let modes = PolitenessTests.modes

    /// Slow enough that no mode finishes it in the time the tests allow.
    static let slowWeb: SyntheticWeb = {
        var config = SyntheticWebConfig()
        config.seed = 11
        config.hosts = 2
        config.pagesPerHost = 300
        config.latency = .fixed(.milliseconds(100))
        return SyntheticWeb(config)
    }()

    @Test(arguments: modes)
    func maxTimeStopsTheCrawlAndEveryExportIsWritten(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let started = ContinuousClock.now
        let run = try await CrawlHarness.crawl(Self.slowWeb, name: "max-time-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.concurrency = 4
            $0.limits.perHost = 2
            $0.maxTime = .seconds(1)
        }
        let took = ContinuousClock.now - started
        let report = run.result.report
        #expect(!report.completed)
        #expect(report.stopReason == "max-time")
        #expect(report.summary.hasPrefix("crawl stopped at --max-time 1s"))
        #expect(took < .seconds(15), "stopping took \(took)")
        #expect(report.pages == run.pageLines.count && report.pages > 0)
        try Self.expectValidExports(run)
    }

    @Test(arguments: modes)
    func maxMemoryStopsTheCrawl(strategy: StrategyEquivalenceTests.Strategy) async throws {
        // Any process is over one megabyte: the first sample stops it.
        let run = try await CrawlHarness.crawl(Self.slowWeb, name: "max-memory-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.concurrency = 4
            $0.maxMemoryBytes = 1 << 20
        }
        let report = run.result.report
        #expect(!report.completed)
        #expect(report.stopReason == "max-memory")
        #expect(report.settings.maxMemoryBytes == 1 << 20)
        try Self.expectValidExports(run)
    }

    @Test(arguments: modes)
    func maxPagesWithWorkLeftIsAnIncompleteCrawl(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let run = try await CrawlHarness.crawl(StrategyEquivalenceTests.web, name: "max-pages-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.limits.maxPages = 30
        }
        let report = run.result.report
        #expect(report.pages == 30)
        #expect(!report.completed)
        #expect(report.stopReason == "max-pages")
        #expect(report.summary.hasPrefix("crawl stopped at --max-pages 30"))
    }

    @Test(arguments: modes)
    func aCrawlThatEndsBeforeItsLimitsIsComplete(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let run = try await CrawlHarness.crawl(StrategyEquivalenceTests.web, name: "under-limits-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.limits.maxPages = 100_000
            $0.maxTime = .seconds(600)
        }
        #expect(run.result.report.completed && run.result.report.stopReason == nil)
        #expect(run.result.report.summary.hasPrefix("crawl complete"))
        #expect(run.edgesCSV == CrawlHarness.truthCSV(StrategyEquivalenceTests.web))
    }

    /// The hostile web's endless path calendar ends at `--max-path-variants`
    /// in every mode, with the same pages fetched and the same count refused.
    @Test(arguments: modes)
    func thePathCalendarEndsAtItsVariantLimit(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let web = PolitenessTests.hostileWeb(hosts: 1, pages: 3)
        let run = try await CrawlHarness.crawl(web, name: "calendar-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.allow = [try! PatternMatcher(#"^http://h0\.trawl\.test/(trap/calendar/.*)?$"#, flag: "--allow")]
            $0.limits.maxPathVariants = 25
        }
        let report = run.result.report
        #expect(report.completed)
        let calendar = run.fetchedURLs.filter { $0.contains("/trap/calendar/") }
        #expect(calendar.count == 25)
        // The crawl walks both ways from the month the root page links
        // (each month links the one before and after): 12 each way, then
        // the next month at each end is refused.
        #expect(report.refused == ["max-path-variants": 2])
        // Refused URLs stay edges: the root's link, and both links of each
        // of the 25 months fetched.
        let edges = run.edgesCSV.split(separator: "\n").filter { $0.contains("/trap/calendar/") }
        #expect(edges.count == 1 + 25 * 2)
    }

    static func expectValidExports(_ run: CrawlHarness.Run) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: run.directory)
        for name in ["pages.jsonl", "edges.csv", "graph.graphml", "graph.dot", "report.json"] {
            #expect(files.contains(name), "\(name) missing")
        }
        let pages = try String(contentsOfFile: run.directory + "/pages.jsonl", encoding: .utf8)
        #expect(pages.isEmpty || pages.hasSuffix("\n"))
        #expect(run.pageLines.count == pages.split(separator: "\n").count)
        let graph = try String(contentsOfFile: run.directory + "/graph.graphml", encoding: .utf8)
        #expect(graph.hasSuffix("</graphml>\n"))
        let report = try RunReport.read(from: run.directory + "/report.json")
        #expect(report == run.result.report)
    }
}
