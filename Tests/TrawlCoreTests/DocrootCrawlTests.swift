import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// The committed fixture site served with `--docroot`, crawled in every
/// mode: each finds exactly the graph worked out by hand from its files
/// (Tests/Fixtures/docroot-site.edges.csv), redirects, 404s, `<base>`,
/// fragments, queries and escaped names included.
@Suite(.timeLimit(.minutes(3)))
struct DocrootCrawlTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures").standardized.path

    @Test(arguments: BodyBudgetCrawlTests.strategies)
    func everyModeFindsTheHandCheckedGraph(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let web = SyntheticWeb(docroot: try DocrootTree(path: Self.fixtures + "/docroot-site"), hosts: 1,
                               latency: .uniform(.milliseconds(1), .milliseconds(10)))
        let expected = try String(contentsOfFile: Self.fixtures + "/docroot-site.edges.csv", encoding: .utf8)
        let run = try await CrawlHarness.crawl(web, name: "docroot-\(strategy.mode.rawValue)") { strategy.apply(to: &$0) }
        let report = run.result.report
        #expect(report.completed)
        #expect(run.edgesCSV == expected)
        // 9 answered 200 (/docs through its 301 to /docs/), 3 were 404s.
        #expect(report.pages == 12)
        #expect(report.statusHistogram == ["200": 9, "404": 3])
    }
}
