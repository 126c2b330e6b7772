import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// A host whose robots.txt cannot be fetched is, as RFC 9309 says, off
/// limits; its pages say why in every mode: `robots-unavailable`, with the
/// robots.txt fetch's own failure as the detail, not "robots.txt disallows
/// it".
@Suite(.timeLimit(.minutes(2)))
struct RobotsUnavailableTests {
    @Test(arguments: PolitenessTests.modes)
    func aHostThatRefusesConnectionsIsRecognizable(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let web = PolitenessTests.hostileWeb(hosts: 1, pages: 2)
        let dead = "http://dead.trawl.test/"
        let run = try await CrawlHarness.crawl(web, name: "robots-dead-\(strategy.testDescription)",
                                               seeds: web.seedURLs + [dead]) {
            strategy.apply(to: &$0)
            $0.limits.obeyRobots = true
            $0.limits.maxDepth = 0
            // Nothing listens on port 1: the connection is refused.
            $0.fetch.connectTo = ["dead.trawl.test:80:127.0.0.1:1"] + $0.fetch.connectTo
        }
        let line = try #require(run.pageLines.first { $0["url"] as? String == dead })
        #expect(line["error"] as? String == "robots-unavailable")
        let detail = try #require(line["error_detail"] as? String)
        #expect(detail.hasPrefix("http://dead.trawl.test/robots.txt could not be fetched [connect]: "), "\(detail)")
        #expect(detail.hasSuffix("; RFC 9309 treats an unreachable robots.txt as disallowing everything"))
        #expect(line["status"] is NSNull)
        // The live host is crawled as usual.
        let live = try #require(run.pageLines.first { $0["url"] as? String == web.seedURLs[0] })
        #expect(live["status"] as? Int == 200)
        #expect(run.result.report.errors["robots-unavailable"] == 1)
    }
}
