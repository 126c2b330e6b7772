import Foundation
import SyntheticWeb
import Testing
import TrawlCore
import TrawlFetch

/// A redirect hop passes every gate a link passes, in every mode: robots.txt
/// of the hop's host, `--max-url-length`, the trap rules; `--timeout`
/// covers the whole chain; a page cannot make trawl send or store
/// credentials. Real crawls of the hostile web on 127.0.0.1.
@Suite(.timeLimit(.minutes(3)))
struct RedirectGatesTests {
    static let web = PolitenessTests.hostileWeb(hosts: 2, pages: 8)
    static let root = "http://h0.trawl.test/"

    static func line(_ run: CrawlHarness.Run, _ url: String) throws -> [String: Any] {
        try #require(run.pageLines.first { $0["url"] as? String == url }, "\(url) has no line")
    }

    @Test(arguments: PolitenessTests.modes)
    func aHopIntoADisallowedPathIsRecordedAsDisallowedAndNeverFetched(strategy: StrategyEquivalenceTests.Strategy) async throws {
        var stats = ServerStats()
        let run = try await CrawlHarness.crawl(Self.web, name: "hop-robots-\(strategy.testDescription)",
                                               seeds: [Self.root + "trap/redirect/to-private"], statsOut: &stats) {
            strategy.apply(to: &$0)
            $0.limits.obeyRobots = true
            $0.limits.maxDepth = 0
        }
        let line = try Self.line(run, Self.root + "trap/redirect/to-private")
        #expect(line["error"] as? String == "robots-disallowed")
        #expect(line["final_url"] as? String == Self.root + "private/1")
        #expect(line["error_detail"] as? String
            == "redirect 1 from \(Self.root)trap/redirect/to-private to \(Self.root)private/1: robots.txt disallows it for trawl")
        // robots.txt first, then the page; the disallowed hop never.
        #expect(stats.requestsPerHost["h0.trawl.test"] == 2)
        #expect(stats.trapRequests["http://h0.trawl.test/private/1"] == nil)
        #expect(run.pageLines.count == 1)
    }

    @Test(arguments: PolitenessTests.modes)
    func aLongLocationIsRefusedAndATrapRuleRefusesAHop(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "hop-length-\(strategy.testDescription)",
                                               seeds: [Self.root + "trap/redirect/long-location",
                                                       Self.root + "trap/redirect/chain/3"]) {
            strategy.apply(to: &$0)
            $0.limits.maxDepth = 0
            // chain/3 → chain/2: a third digit-only variant of
            // /trap/redirect/chain/N is one too many.
            $0.limits.maxPathVariants = 1
        }
        let long = try Self.line(run, Self.root + "trap/redirect/long-location")
        #expect(long["error"] as? String == "refused-redirect")
        #expect((long["error_detail"] as? String)?.hasSuffix("is 40032 bytes long, more than --max-url-length 8192") == true)
        #expect((long["error_detail"] as? String ?? "").utf8.count < 600)
        let chain = try Self.line(run, Self.root + "trap/redirect/chain/3")
        #expect(chain["error"] as? String == "refused-redirect")
        #expect(chain["error_detail"] as? String
            == "redirect from \(Self.root)trap/redirect/chain/3 to \(Self.root)trap/redirect/chain/2 is refused by the max-path-variants limit")
    }

    /// Three hops of 1 s each under --timeout 2: the chain fails at about
    /// 2 s, where a per-hop timeout would let it succeed after 3 s (and
    /// could let three slow hops take 6 s). The upper bound leaves room
    /// for a loaded machine's scheduling, not for another hop.
    @Test(arguments: PolitenessTests.modes)
    func theTimeoutCoversTheWholeChain(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "hop-timeout-\(strategy.testDescription)",
                                               seeds: [Self.root + "trap/redirect/slow/3"]) {
            strategy.apply(to: &$0)
            $0.limits.maxDepth = 0
            $0.fetch.timeout = .seconds(2)
            $0.retry.maxRetries = 0
        }
        let line = try Self.line(run, Self.root + "trap/redirect/slow/3")
        #expect(line["error"] as? String == "timeout")
        let elapsed = try #require(line["elapsed_ms"] as? Double)
        #expect(elapsed >= 1_900 && elapsed < 3_900, "the chain took \(elapsed) ms")
    }

    @Test(arguments: PolitenessTests.modes)
    func linkCredentialsAreNeitherSentNorStored(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "credentials-\(strategy.testDescription)",
                                               seeds: [Self.root + "trap/html/credentials"]) {
            strategy.apply(to: &$0)
            $0.limits.maxDepth = 1
        }
        let page = try Self.line(run, Self.root + "trap/html/credentials")
        #expect(page["credentials_stripped"] as? Int == 1)
        let inside = try Self.line(run, Self.root + "trap/found/credentials")
        #expect(inside["status"] as? Int == 200)
        #expect(run.result.report.credentialsStripped == 1)
        // Every file, the journal (state.db, binary) included.
        for file in try FileManager.default.contentsOfDirectory(atPath: run.directory) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: run.directory + "/" + file))
            for secret in ["s3cret", "alice"] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the credentials")
            }
        }
    }
}
