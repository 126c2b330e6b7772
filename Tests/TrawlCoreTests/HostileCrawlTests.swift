import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// Every in-process strategy crawls a hostile web and reports its redirect
/// and body traps as the web's ground truth says: redirects are followed by
/// trawl, hop by hop, so each hop is judged in every mode. (`processes`
/// runs the same `StrategyRunner` in its workers.)
@Suite(.timeLimit(.minutes(2)))
struct HostileCrawlTests {
    static let web: SyntheticWeb = {
        var config = SyntheticWebConfig()
        config.seed = 5
        config.hosts = 2
        config.pagesPerHost = 20
        config.profile = .hostile
        return SyntheticWeb(config)
    }()

    /// Trap path → the `error` its pages.jsonl line must carry (nil: none).
    static let expectedErrors: [(path: String, error: String?)] = [
        ("/trap/redirect/chain/3", nil),
        ("/trap/redirect/chain/15", "too-many-redirects"),
        ("/trap/redirect/loop/a", "redirect-loop"),
        ("/trap/redirect/to-ftp", "unsupported-scheme"),
        ("/trap/redirect/to-javascript", "unsupported-scheme"),
        ("/trap/redirect/out-of-scope", "out-of-scope-redirect"),
        ("/trap/body/slow-drip", "timeout"),
        ("/trap/body/gzip-bomb", "too-large"),
        ("/trap/body/huge", "too-large"),
    ]

    @Test func theExpectedErrorsAreTheWebsGroundTruth() throws {
        let truth = Dictionary(uniqueKeysWithValues: Self.web.hostileTraps().map { ($0.url, $0.outcome) })
        for root in Self.web.seedURLs {
            for (path, error) in Self.expectedErrors {
                let outcome = try #require(truth[root + path.dropFirst()], "no trap \(path)")
                #expect(outcome == error, "\(root)\(path.dropFirst())")
            }
        }
    }

    /// The default low-speed limit ends the drip, so the crawl takes about
    /// 10 s (the modes run at once). A shorter window would make the test
    /// faster, but then a redirect hop that a loaded machine (the whole
    /// suite on two cores) stalls for longer than the window fails too:
    /// with 1 s, such hops ended `timeout` in two runs out of three.
    @Test(arguments: CrawlOptions.InProcessMode.allCases)
    func everyStrategyStopsTheRedirectAndBodyTraps(mode: CrawlOptions.InProcessMode) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "hostile-\(mode.rawValue)") {
            $0.mode = CrawlOptions.Mode(rawValue: mode.rawValue)!
            $0.limits.maxDepth = 2
            $0.fetch.timeout = .seconds(60)  // so that only the low-speed limit can end the drip in time
        }
        #expect(run.result.report.completed)
        let records = Dictionary(run.pageLines.map { ($0["url"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for root in Self.web.seedURLs {
            for (path, error) in Self.expectedErrors {
                let url = root + path.dropFirst()
                let record = try #require(records[url], "\(url) was not fetched")
                #expect(record["error"] as? String == error, "\(url): \(record["error_detail"] ?? "no detail")")
            }
            let chain = try #require(records[root + "trap/redirect/chain/3"])
            #expect(chain["final_url"] as? String == root)
            #expect(chain["status"] as? Int == 200)
            let outOfScope = try #require(records[root + "trap/redirect/out-of-scope"])
            #expect(outOfScope["error_detail"] as? String
                == "redirect from \(root)trap/redirect/out-of-scope to http://elsewhere.example/trap leaves the crawl scope")
            #expect(outOfScope["final_url"] as? String == root + "trap/redirect/out-of-scope")
            // Dropped by the default limit (1,000 bytes/s over 10 s), not by the timeout.
            let drip = try #require(records[root + "trap/body/slow-drip"]?["elapsed_ms"] as? Double)
            #expect(drip >= 9_000 && drip < 15_000, "the drip was dropped after \(drip) ms")
        }
        // The crawl never left its two hosts, not even for a redirect.
        #expect(run.pageLines.allSatisfy { ($0["final_url"] as? String)?.contains(".trawl.test/") == true })
    }
}
