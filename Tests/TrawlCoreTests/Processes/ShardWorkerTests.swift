import Foundation
import SyntheticWeb
import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

extension Processes {
    /// The real `trawl crawl-worker`, spoken to over its pipes as the
    /// coordinator would, against a real generated web.
    struct ShardWorkerTests {
        static let web: SyntheticWeb = {
            var config = SyntheticWebConfig()
            config.seed = 7
            config.hosts = 6
            config.pagesPerHost = 25
            config.crossHostShare = 0.3
            return SyntheticWeb(config)
        }()

        private func spawnWorker() throws -> ChildProcess {
            try ChildProcess.spawn(executablePath: CrawlHarness.trawlExecutable, arguments: ["crawl-worker"])
        }

        /// Shard 0 of 2 crawls exactly its own hosts, routes every link to
        /// the other shard's hosts, reports idle once done, and exits 0
        /// after `stop`.
        @Test func aWorkerCrawlsItsShardAndRoutesTheRest() async throws {
            let web = Self.web
            try await SyntheticWebServer.withRunning(web) { server in
                var options = CrawlOptions()
                options.mode = .processes
                options.workers = 2
                options.concurrency = 8
                options.fetch.connectTo = ["::127.0.0.1:\(server.port)"]
                let seeds = web.seedURLs.compactMap { WebURL($0) }
                let map = ShardMap(shards: 2)
                let ownSeeds = seeds.filter { map.shard(ofHostKey: $0.origin) == 0 }
                try #require(!ownSeeds.isEmpty && ownSeeds.count < seeds.count)

                let child = try spawnWorker()
                try child.send(.configure(try WorkerSettings(shard: 0, options: options, seeds: seeds).encoded()))
                try child.send(.discover(ownSeeds.map { DiscoveredURL(url: $0.href, hostKey: $0.origin, depth: 0) }))
                try child.send(.depthCeiling(FrameCodec.maxDepth))
                var pages: [PageMessage] = []
                var routed: [DiscoveredURL] = []
                var finalStatus: ShardStatus?
                var bodyBudget: BodyBudget.Stats?
                for try await message in child.messages {
                    switch message {
                    case .page(let page): pages.append(page)
                    case .links(let urls): routed += urls
                    case .status(let status) where status.idle && status.batchesReceived == 1:
                        finalStatus = status
                        try child.send(.stop)
                        child.closeInput()
                    case .status: break
                    case .bodyBudget(let stats): bodyBudget = stats
                    default: Issue.record("unexpected \(message.name) from the worker")
                    }
                }
                #expect(await child.waitForExit() == .exited(0))
                #expect(finalStatus?.pagesDone == pages.count)
                // Its half of the crawl's body budget, sent last.
                #expect(bodyBudget?.limitBytes == FetchConfiguration().maxBufferedBodyBytes! / 2)
                let hostsCrawled = Set(pages.map { WebURL($0.record.url)!.origin })
                #expect(hostsCrawled == Set(ownSeeds.map(\.origin)))
                #expect(routed.allSatisfy { map.shard(ofHostKey: $0.hostKey) == 1 })
                #expect(Set(routed.map(\.url)).count == routed.count, "a link was routed twice at the same depth")
                // Every edge of the truth whose source is in this shard. (A
                // redirect and its target send the same page twice; the
                // exports keep its edges once.)
                let ownOrigins = Set(ownSeeds.map(\.origin))
                let expected = web.truthEdges().filter { row in
                    ownOrigins.contains(WebURL(String(row.prefix { $0 != "," }))!.origin)
                }
                let found = pages.flatMap { page in page.edgeTargets.map { "\(page.source),\($0)" } }
                let foundSet = Set(found)
                #expect(foundSet.subtracting(expected).isEmpty && Set(expected).subtracting(foundSet).isEmpty,
                        "\(foundSet.subtracting(expected).count) edges not in the truth, \(Set(expected).subtracting(foundSet).count) missing")
            }
        }

        @Test func aFirstMessageOtherThanConfigureIsRefused() async throws {
            let child = try spawnWorker()
            try child.send(.stop)
            var messages: [ShardMessage] = []
            for try await message in child.messages { messages.append(message) }
            #expect(messages == [.failed("the coordinator's first message was not configure")])
            #expect(await child.waitForExit() == .exited(1))
        }

        @Test func aWorkerWhoseCoordinatorGoesAwayExits() async throws {
            let child = try spawnWorker()
            child.closeInput()
            for try await _ in child.messages {}
            #expect(await child.waitForExit() == .exited(1))
        }
    }
}
