import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// A crawl under a body budget of one byte per fetcher: every mode must
/// still finish with the whole graph (one transfer at a time goes past the
/// budget, so none waits forever), hold at most one body per fetcher at
/// once, and say so in report.json.
@Suite(.timeLimit(.minutes(3)))
struct BodyBudgetCrawlTests {
    static let web: SyntheticWeb = {
        var config = SyntheticWebConfig()
        config.seed = 31
        config.hosts = 3
        config.pagesPerHost = 30
        config.pageSize = 48 << 10
        config.latency = .uniform(.milliseconds(1), .milliseconds(8))
        return SyntheticWeb(config)
    }()

    static let strategies: [StrategyEquivalenceTests.Strategy] = [
        .init(mode: .async), .init(mode: .threads), .init(mode: .pool),
        .init(mode: .processes, workers: 2), .init(mode: .processes, workers: 2, workerMode: .threads),
    ]

    @Test(arguments: strategies)
    func aOneByteBudgetStillCrawlsEverythingOneBodyAtATime(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let maxBody = 128 << 10
        let run = try await CrawlHarness.crawl(Self.web, name: "body-budget-\(strategy.mode.rawValue)") {
            strategy.apply(to: &$0)
            $0.concurrency = 16
            $0.fetch.maxBodyBytes = maxBody
            $0.fetch.maxBufferedBodyBytes = 1
        }
        let report = run.result.report
        #expect(report.completed)
        #expect(run.edgesCSV == CrawlHarness.truthCSV(Self.web))
        // The web's own 4xx and 5xx pages only: no timeout, nothing cut.
        #expect(report.errors.keys.allSatisfy { $0.hasPrefix("http-") }, "\(report.errors)")
        let fetchers = strategy.mode == .processes ? strategy.workers : 1
        let budget = try #require(report.bodyBudget)
        // Each worker's share of one byte is at least one byte.
        #expect(budget.limitBytes == fetchers)
        #expect(budget.peakBytes > 0)
        #expect(budget.peakBytes <= budget.limitBytes + fetchers * maxBody, "\(budget)")
        #expect(report.settings.maxBufferedBytes == 1)
        #expect(report.settings.command.contains("--max-buffered-bytes 1B"))
    }

    @Test func noBudgetReportsNone() async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "body-budget-none") {
            $0.fetch.maxBufferedBodyBytes = nil
        }
        #expect(run.result.report.completed)
        #expect(run.result.report.bodyBudget == nil)
        #expect(run.result.report.settings.command.contains("--max-buffered-bytes 0"))
    }
}
