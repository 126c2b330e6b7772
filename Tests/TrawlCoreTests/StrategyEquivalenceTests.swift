import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// The fairness rule: every strategy crawls the same web to the same page
/// set and edge set — the server's ground truth — with and without
/// `--max-depth`. Only the strategy differs between the runs.
@Suite(.timeLimit(.minutes(3)))
struct StrategyEquivalenceTests {
    /// One strategy: a mode and, for `processes`, its workers.
    struct Strategy: Sendable, CustomTestStringConvertible {
        var mode: CrawlOptions.Mode
        var workers = 2
        var workerMode: CrawlOptions.InProcessMode = .async

        var testDescription: String {
            mode == .processes ? "processes \(workers)×\(workerMode.rawValue)" : mode.rawValue
        }

        func apply(to options: inout CrawlOptions) {
            options.mode = mode
            options.workers = workers
            options.workerMode = workerMode
        }
    }

    static let web: SyntheticWeb = {
        var config = SyntheticWebConfig()
        config.seed = 23
        config.hosts = 4
        config.pagesPerHost = 120
        config.latency = .uniform(.milliseconds(1), .milliseconds(15))
        return SyntheticWeb(config)
    }()

    static let strategies: [Strategy] = [
        Strategy(mode: .async), Strategy(mode: .threads), Strategy(mode: .pool),
        Strategy(mode: .processes, workers: 1), Strategy(mode: .processes, workers: 3),
        Strategy(mode: .processes, workers: 3, workerMode: .threads),
    ]

    @Test(arguments: strategies)
    func everyStrategyReproducesTheGroundTruth(strategy: Strategy) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "mode-\(strategy.mode.rawValue)") {
            strategy.apply(to: &$0)
            $0.concurrency = 24
            $0.limits.perHost = 6
        }
        let report = run.result.report
        #expect(report.completed)
        #expect(report.settings.mode == strategy.mode.rawValue)
        #expect(report.resources.processes == (strategy.mode == .processes ? strategy.workers + 1 : 1))
        #expect(run.edgesCSV == CrawlHarness.truthCSV(Self.web))
        let fetched = run.fetchedURLs
        #expect(Set(fetched).count == fetched.count, "a URL was fetched twice")
        #expect(report.pages == fetched.count)
    }

    @Test(arguments: strategies)
    func everyStrategyFetchesTheSamePagesUnderMaxDepth(strategy: Strategy) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "mode-depth-\(strategy.mode.rawValue)") {
            strategy.apply(to: &$0)
            $0.concurrency = 24
            $0.limits.perHost = 6
            $0.limits.maxDepth = 2
        }
        #expect(Set(run.fetchedURLs) == CrawlEngineTests.urlsWithin(2, of: Self.web))
        #expect(run.fetchedURLs.count == Set(run.fetchedURLs).count, "a URL was fetched twice")
    }
}
