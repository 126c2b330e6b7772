import Testing
import TrawlURL
@testable import TrawlCore

extension Processes {
    /// The worker's state machine: what stays in its own frontier, what is
    /// routed to other shards (once, or again at a smaller depth), and
    /// when it tells the coordinator its status.
    struct ShardFrontierTests {
        static let map = ShardMap(shards: 2)
        /// Host keys owned by shard 0 and by shard 1.
        static let ownHost = hostKeys(ownedBy: 0)
        static let foreignHost = hostKeys(ownedBy: 1)

        static func hostKeys(ownedBy shard: Int) -> [String] {
            (0..<100).map { "http://h\($0).trawl.test" }.filter { map.shard(ofHostKey: $0) == shard }
        }

        private func outcome(of job: CrawlJob, links: [String]) -> PageOutcome {
            let record = PageRecord(url: job.url, finalURL: job.url, status: 200, contentType: "text/html", bytes: 10,
                                    depth: job.depth, elapsedMilliseconds: 1, error: nil, errorDetail: nil, title: nil,
                                    outlinks: links.count)
            let follow = links.map { link in (url: link, hostKey: WebURL(link)!.origin) }
            return PageOutcome(job: job, record: record, source: job.url, edgeTargets: links, follow: follow)
        }

        private func shard(maxDepth: Int? = nil) -> ShardFrontier {
            ShardFrontier(shard: 0, shards: 2, limits: Frontier.Limits(maxDepth: maxDepth, perHost: 4))
        }

        private func seed(_ frontier: inout ShardFrontier, _ url: String, depth: Int = 0) {
            frontier.receive([DiscoveredURL(url: url, hostKey: String(url.dropLast()), depth: depth)])
        }

        @Test func ownLinksStayForeignLinksAreRoutedOnce() throws {
            var frontier = shard()
            seed(&frontier, Self.ownHost[0] + "/")
            frontier.raiseCeiling(to: 5)
            let next = frontier.next(at: .zero)
            let job = try #require(next)
            let ownLink = Self.ownHost[1] + "/a"
            let foreignLink = Self.foreignHost[0] + "/b"
            let messages = frontier.settle(outcome(of: job, links: [ownLink, foreignLink]), following: true, now: .zero)
            #expect(messages.count == 2)
            guard case .page(let page) = messages[0], case .links(let links) = messages[1] else {
                Issue.record("expected page then links, got \(messages.map(\.name))")
                return
            }
            #expect(page.source == job.url)
            #expect(page.edgeTargets == [ownLink, foreignLink])
            #expect(links == [DiscoveredURL(url: foreignLink, hostKey: Self.foreignHost[0], depth: 1, referrer: job.url)])
            #expect(frontier.next(at: .zero)?.url == ownLink)
            // Found again, one level deeper: the owner already knows better.
            let second = outcome(of: CrawlJob(url: ownLink, depth: 1, hostID: 1), links: [foreignLink])
            #expect(frontier.settle(second, following: true, now: .zero).map(\.name) == ["page"])
        }

        @Test func aForeignLinkIsRoutedAgainWhenFoundAtASmallerDepth() {
            var frontier = shard()
            let foreignLink = Self.foreignHost[0] + "/b"
            let deep = outcome(of: CrawlJob(url: Self.ownHost[0] + "/deep", depth: 3, hostID: 0), links: [foreignLink])
            let shallow = outcome(of: CrawlJob(url: Self.ownHost[0] + "/", depth: 1, hostID: 0), links: [foreignLink])
            guard case .links(let first) = frontier.settle(deep, following: true, now: .zero).last,
                  case .links(let again) = frontier.settle(shallow, following: true, now: .zero).last
            else {
                Issue.record("expected a links message each time")
                return
            }
            #expect(first.map(\.depth) == [4])
            #expect(again.map(\.depth) == [2])
        }

        /// A link beyond --max-depth still goes to its owner, which counts
        /// it as refused (so the report matches a one-process crawl's); a
        /// link found while stopping goes nowhere.
        @Test func linksBeyondMaxDepthAreRoutedAndLinksWhileStoppingAreNot() {
            var frontier = shard(maxDepth: 2)
            let foreignLink = Self.foreignHost[0] + "/b"
            let atLimit = outcome(of: CrawlJob(url: Self.ownHost[0] + "/x", depth: 2, hostID: 0), links: [foreignLink])
            #expect(frontier.settle(atLimit, following: true, now: .zero).map(\.name) == ["page", "links"])
            let stopping = outcome(of: CrawlJob(url: Self.ownHost[0] + "/y", depth: 0, hostID: 0), links: [foreignLink])
            #expect(frontier.settle(stopping, following: false, now: .zero).map(\.name) == ["page"])
        }

        @Test func theCeilingHoldsBackDeeperURLsAndOnlyRises() throws {
            var frontier = shard()
            seed(&frontier, Self.ownHost[0] + "/deeper", depth: 1)
            #expect(frontier.next(at: .zero) == nil, "the ceiling starts at the seeds' level")
            frontier.raiseCeiling(to: 1)
            frontier.raiseCeiling(to: 0)
            #expect(frontier.next(at: .zero)?.url == Self.ownHost[0] + "/deeper")
        }

        @Test func statusIsSentWhenWhatTheDetectorSeesChanges() throws {
            var frontier = shard()
            #expect(frontier.statusIfChanged() == .status(ShardStatus(idle: true, batchesReceived: 0, minPendingDepth: nil, pagesDone: 0)))
            #expect(frontier.statusIfChanged() == nil)
            seed(&frontier, Self.ownHost[0] + "/")
            #expect(frontier.statusIfChanged() == .status(ShardStatus(idle: false, batchesReceived: 1, minPendingDepth: 0, pagesDone: 0)))
            let next = frontier.next(at: .zero)
            let job = try #require(next)
            #expect(frontier.statusIfChanged() == nil, "dispatching changes nothing the detector uses")
            _ = frontier.settle(outcome(of: job, links: []), following: true, now: .zero)
            #expect(frontier.statusIfChanged() == .status(ShardStatus(idle: true, batchesReceived: 1, minPendingDepth: nil, pagesDone: 1)))
        }
    }
}
