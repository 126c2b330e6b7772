import Foundation
import Testing
import TrawlURL
@testable import TrawlCore

extension Processes {
    struct ShardPlanTests {
        @Test(arguments: [(1, 1), (100, 3), (16, 4), (7, 7), (1024, 3)])
        func sharesAddUpToTheTotal(total: Int, shards: Int) {
            let shares = (0..<shards).map { ShardPlan.concurrency(ofShard: $0, total: total, shards: shards) }
            #expect(shares.reduce(0, +) == total)
            #expect(shares.max()! - shares.min()! <= 1)
            #expect(shares.min()! >= 1)
        }

        /// Every setting a worker needs survives the trip through JSON.
        @Test func workerSettingsRoundTrip() throws {
            var options = CrawlOptions()
            options.mode = .processes
            options.workers = 3
            options.workerMode = .pool
            options.concurrency = 100
            options.limits = Frontier.Limits(
                maxDepth: 4, maxPages: 50, perHost: 3, obeyRobots: true, delay: .milliseconds(250),
                maxCrawlDelay: .seconds(7), maxPagesPerHost: 90, maxQueryVariants: 11, maxPathSegments: 12,
                maxPathRepeats: 3, maxPathVariants: 44)
            options.scopeRule = .domain
            options.allow = [try PatternMatcher("/a/", flag: "--allow")]
            options.deny = [try PatternMatcher("\\.pdf$", flag: "--deny")]
            options.includeOutOfScopeEdges = true
            options.fetch.timeout = .milliseconds(2500)
            options.fetch.userAgent = "ua/1"
            options.fetch.connectTo = ["::127.0.0.1:9"]
            options.fetch.maxBufferedBodyBytes = 1000
            let seeds = [WebURL("http://a.example.com/")!, WebURL("https://b.example.org/x")!]
            let settings = try WorkerSettings.decode(try WorkerSettings(shard: 2, options: options, seeds: seeds).encoded())
            #expect(settings.shard == 2 && settings.shards == 3)
            #expect(settings.mode == .pool)
            #expect(settings.concurrency == 33)
            // Every frontier limit is carried whole, but the page budget is
            // the parent's alone.
            var expected = options.limits
            expected.maxPages = nil
            #expect(settings.limits == expected)
            #expect(settings.scopeRule == .domain)
            #expect(settings.seeds == ["http://a.example.com/", "https://b.example.org/x"])
            #expect(settings.allow == ["/a/"] && settings.deny == ["\\.pdf$"])
            #expect(settings.includeOutOfScopeEdges)
            #expect(settings.fetch.timeout == .milliseconds(2500))
            #expect(settings.fetch.userAgent == "ua/1")
            #expect(settings.fetch.connectTo == ["::127.0.0.1:9"])
            #expect(settings.fetch.maxConnections == 33)
            // The body budget is split like the concurrency: 333 + 333 + 334.
            #expect(settings.fetch.maxBufferedBodyBytes == 333)
        }

        @Test func aBadConfigureMessageIsAProtocolViolation() {
            #expect(throws: TrawlError.self) { try WorkerSettings.decode(Data("{\"shard\":1}".utf8)) }
        }
    }
}
