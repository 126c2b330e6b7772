import Foundation
import Testing
import TrawlFetch
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

        /// A crawl's settings with every field, at every level, away from
        /// its default (checked below), so a field that a trip to a worker
        /// drops or a shard misses cannot hide behind its default.
        static func everySettingChanged() throws -> CrawlOptions {
            var options = CrawlOptions()
            options.mode = .processes
            options.concurrency = 100
            options.limits = Frontier.Limits(
                maxDepth: 4, maxPages: 50, perHost: 3, obeyRobots: true, delay: .milliseconds(250),
                maxCrawlDelay: .seconds(7), maxPagesPerHost: 90, maxQueryVariants: 11, maxPathSegments: 12,
                maxPathRepeats: 3, maxPathVariants: 44, refuseBadPorts: true)
            options.retry = RetryPolicy(maxRetries: 5, baseDelay: .milliseconds(10), maxDelay: .seconds(2))
            options.retry.statuses = [503]
            options.links = LinkFilter(stripQueryParameters: [try PatternMatcher("^utm_", flag: "--strip-query-params")],
                                       maxURLLength: 300, maxLinksPerPage: 77)
            options.scopeRule = .domain
            options.allow = [try PatternMatcher("/a/", flag: "--allow")]
            options.deny = [try PatternMatcher("\\.pdf$", flag: "--deny", stepLimit: 9)]
            options.maxTitleBytes = 99
            options.includeOutOfScopeEdges = true
            options.fetch.userAgent = "ua/1"
            options.fetch.timeout = .milliseconds(2500)
            options.fetch.useProxyEnvironment = false
            options.fetch.connectTimeout = .milliseconds(700)
            options.fetch.proxy = "http://proxy.test:3128"
            options.fetch.headers = [try RequestHeader(parsing: "Accept-Language: de")]
            options.fetch.cookieJar = "cookies.txt"
            options.fetch.maxBodyBytes = 12_345
            options.fetch.maxBufferedBodyBytes = 1000
            options.fetch.maxRedirects = 3
            options.fetch.followRedirects = false
            options.fetch.connectTo = ["::127.0.0.1:9"]
            options.fetch.resolve = ["a.example.com:80:127.0.0.1"]
            options.fetch.addressGuard = AddressGuard(refuseLinkLocal: false, refusePrivate: true,
                                                      exemptions: [IPAddress("127.0.0.1")!])
            options.fetch.maxConnections = 90
            options.fetch.maxConnectionsPerHost = 4
            options.fetch.lowSpeedLimit = .init(bytesPerSecond: 5, duration: .seconds(3))
            options.outputDirectory = "elsewhere"
            options.overwriteOutput = true
            options.maxTime = .seconds(60)
            options.maxMemoryBytes = 1 << 30
            options.workers = 3
            options.workerMode = .pool
            options.workerExecutable = "/bin/trawl"
            options.log = LogSettings(level: .trace, format: .json, file: "/tmp/trawl.log", maxFileBytes: 4096)
            options.keepsState = false
            options.frontier = SharedFrontier(endpoint: "redis://10.0.0.5:6380/docs", role: .join, leaseTime: .seconds(12))
            return options
        }

        /// The fields (by path) whose values in `value` and `reference`
        /// print the same, descending into structs.
        static func unchangedFields(_ value: Any, _ reference: Any, path: String = "") -> [String] {
            let mirror = Mirror(reflecting: value), other = Mirror(reflecting: reference)
            return zip(mirror.children, other.children).flatMap { child, referenceChild -> [String] in
                let name = path + (child.label ?? "?")
                if Mirror(reflecting: child.value).displayStyle == .struct, !(child.value is Duration) {
                    return unchangedFields(child.value, referenceChild.value, path: name + ".")
                }
                return String(describing: child.value) == String(describing: referenceChild.value) ? [name] : []
            }
        }

        @Test func theTestSettingsChangeEveryField() throws {
            #expect(Self.unchangedFields(try Self.everySettingChanged(), CrawlOptions()) == [])
        }

        /// The whole of the settings survives the trip through JSON: a
        /// field added to CrawlOptions (or to a value in it) travels with
        /// it, or this fails.
        @Test func workerSettingsCarryEverySetting() throws {
            let options = try Self.everySettingChanged()
            let seeds = [WebURL("http://a.example.com/")!, WebURL("https://b.example.org/x")!]
            let sent = WorkerSettings(shard: 2, options: options, seeds: seeds)
            let received = try WorkerSettings.decode(try sent.encoded())
            #expect(received == sent)
            #expect(received.shard == 2 && received.shards == 3)
            #expect(received.seeds == ["http://a.example.com/", "https://b.example.org/x"])
            #expect(received.options == options.forShard(2))
            let decoded = try JSONDecoder().decode(CrawlOptions.self, from: try JSONEncoder().encode(options))
            #expect(decoded == options)
        }

        /// A shard gets the crawl's settings whole, but its share of what
        /// is crawl-wide, and no page budget: the coordinator's alone.
        @Test func aShardTakesItsShareOfWhatIsCrawlWide() throws {
            let options = try Self.everySettingChanged()
            let shard = options.forShard(2)
            #expect(shard.mode == .pool)
            #expect(shard.concurrency == 33)
            #expect(shard.fetch.maxConnections == 30)
            // The body budget is split like the concurrency: 333 + 333 + 334.
            #expect(shard.fetch.maxBufferedBodyBytes == 333)
            #expect(shard.limits.maxPages == nil)
            var rest = shard
            rest.mode = options.mode
            rest.concurrency = options.concurrency
            rest.fetch.maxConnections = options.fetch.maxConnections
            rest.fetch.maxBufferedBodyBytes = options.fetch.maxBufferedBodyBytes
            rest.limits.maxPages = options.limits.maxPages
            #expect(rest == options)
        }

        /// One process and the workers of `--mode processes` build their
        /// crawl by the same rules: libcurl's connection cache holds at
        /// least the transfers in flight, and all shards together keep what
        /// one process keeps.
        @Test func everyProcessBuildsItsCrawlTheSameWay() throws {
            var options = CrawlOptions()
            options.concurrency = 1000
            options.workers = 2
            options.mode = .async
            let seeds = [WebURL("http://a.example.com/")!]
            let single = CrawlParts(options: options, seeds: seeds)
            #expect(single.mode == .async && single.concurrency == 1000)
            #expect(single.fetch.maxConnections == 1000)
            options.mode = .processes
            let workers = (0..<2).map { CrawlParts(options: options.forShard($0), seeds: seeds) }
            #expect(workers.map(\.concurrency) == [500, 500])
            #expect(workers.map(\.fetch.maxConnections) == [500, 500])
            options.concurrency = 64
            #expect(CrawlParts(options: options.forShard(0), seeds: seeds).fetch.maxConnections == 128)
            #expect(CrawlParts(options: options, seeds: seeds).fetch.maxConnections == 256)
        }

        @Test func aBadConfigureMessageIsAProtocolViolation() {
            #expect(throws: TrawlError.self) { try WorkerSettings.decode(Data("{\"shard\":1}".utf8)) }
        }
    }
}
