import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// The fairness rule: every strategy crawls the same web to the same page
/// set and edge set — the server's ground truth — with and without
/// `--max-depth`. Only the strategy differs between the runs.
@Suite(.timeLimit(.minutes(3)))
struct StrategyEquivalenceTests {
    static let web: SyntheticWeb = {
        var config = SyntheticWebConfig()
        config.seed = 23
        config.hosts = 4
        config.pagesPerHost = 120
        config.latency = .uniform(.milliseconds(1), .milliseconds(15))
        return SyntheticWeb(config)
    }()

    static let modes: [CrawlOptions.Mode] = CrawlOptions.Mode.allCases

    @Test(arguments: modes)
    func everyModeReproducesTheGroundTruth(mode: CrawlOptions.Mode) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "mode-\(mode.rawValue)") {
            $0.mode = mode
            $0.concurrency = 24
            $0.limits.perHost = 6
        }
        #expect(run.result.report.completed)
        #expect(run.result.report.settings.mode == mode.rawValue)
        #expect(run.edgesCSV == CrawlHarness.truthCSV(Self.web))
        let fetched = run.fetchedURLs
        #expect(Set(fetched).count == fetched.count, "a URL was fetched twice")
    }

    @Test(arguments: modes)
    func everyModeFetchesTheSamePagesUnderMaxDepth(mode: CrawlOptions.Mode) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "mode-depth-\(mode.rawValue)") {
            $0.mode = mode
            $0.concurrency = 24
            $0.limits.perHost = 6
            $0.limits.maxDepth = 2
        }
        #expect(Set(run.fetchedURLs) == CrawlEngineTests.urlsWithin(2, of: Self.web))
    }
}
