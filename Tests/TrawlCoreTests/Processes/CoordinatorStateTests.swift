import Foundation
import Testing
@testable import TrawlCore

extension Processes {
    /// The coordinator's decisions, without a process: events in, actions
    /// out.
    struct CoordinatorStateTests {
        typealias Action = CoordinatorState.Action

        private let map = ShardMap(shards: 2)

        /// A host key owned by `shard`, and a URL on it.
        private func url(onShard shard: Int, depth: Int, page: Int = 0) -> DiscoveredURL {
            let host = (0...).lazy.map { "http://h\($0).trawl.test" }.first { map.shard(ofHostKey: $0) == shard }!
            return DiscoveredURL(url: "\(host)/page/\(page)", hostKey: host, depth: depth)
        }

        private func idle(_ batches: Int) -> ShardMessage {
            .status(ShardStatus(idle: true, batchesReceived: batches, minPendingDepth: nil, pagesDone: 0))
        }

        private func page(_ index: Int) -> PageMessage {
            guard case .page(let page) = ShardMessageSamples.page(index) else { fatalError("not a page") }
            return page
        }

        private func started(maxPages: Int? = nil, seeds: [DiscoveredURL]) -> (CoordinatorState, [Action]) {
            var state = CoordinatorState(pids: [101, 102], maxPages: maxPages)
            let actions = state.start(configurations: [Data("0".utf8), Data("1".utf8)], seeds: seeds)
            return (state, actions)
        }

        private let stopBoth: [Action] = [
            .send(.stop, to: 0), .closeInput(shard: 0), .send(.stop, to: 1), .closeInput(shard: 1), .armStopTimer,
        ]

        @Test func startConfiguresEveryWorkerAndSendsEachItsOwnSeeds() {
            let seed0 = url(onShard: 0, depth: 0), seed1 = url(onShard: 1, depth: 0)
            let (_, actions) = started(seeds: [seed1, seed0])
            #expect(actions == [
                .send(.configure(Data("0".utf8)), to: 0), .send(.configure(Data("1".utf8)), to: 1),
                .send(.discover([seed0]), to: 0), .send(.discover([seed1]), to: 1),
                .send(.depthCeiling(1), to: 0), .send(.depthCeiling(1), to: 1),
            ])
        }

        @Test func linksAreRoutedToTheShardThatOwnsTheirHost() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            let found = [url(onShard: 1, depth: 1, page: 1), url(onShard: 0, depth: 1, page: 2), url(onShard: 1, depth: 1, page: 3)]
            let actions = state.handle(.message(shard: 0, .links(found)))
            #expect(actions == [.send(.discover([found[1]]), to: 0), .send(.discover([found[0], found[2]]), to: 1)])
        }

        @Test func theCrawlStopsWhenEveryShardIsIdleAndHasEveryBatch() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            #expect(state.handle(.message(shard: 1, idle(0))) == [])
            // Shard 0 has not yet acknowledged its seed batch.
            #expect(state.handle(.message(shard: 0, idle(0))) == [])
            #expect(state.handle(.message(shard: 0, idle(1))) == stopBoth)
            // Orderly ends are not failures.
            #expect(state.handle(.outputEnded(shard: 0, readError: nil)) == [])
            #expect(state.handle(.exited(shard: 0, .exited(0))) == [])
            #expect(state.handle(.outputEnded(shard: 1, readError: nil)) == [])
            #expect(state.handle(.exited(shard: 1, .exited(0))) == [])
            #expect(state.allExited)
            #expect(state.summary.failure == nil)
            #expect(state.summary.stopReason == nil)
        }

        @Test func aWorkerThatDiesStopsTheOthersAndFailsTheCrawl() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            #expect(state.handle(.outputEnded(shard: 1, readError: nil)) == [.send(.stop, to: 0), .closeInput(shard: 0), .armStopTimer])
            #expect(state.handle(.exited(shard: 1, .signalled(9))) == [])
            #expect(state.summary.failure?.code == .workerFailed)
            #expect(state.summary.failure?.message.contains("worker 2 of 2 (pid 102)") == true)
            #expect(state.summary.stopReason == "worker-failed")
            // The survivor's pages, finished while stopping, are kept.
            #expect(state.handle(.message(shard: 0, .page(page(1)))) == [.write(page(1))])
        }

        @Test func aWorkerThatExitsNonZeroAfterStopFailsTheCrawl() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            _ = state.handle(.interrupted)
            _ = state.handle(.outputEnded(shard: 0, readError: nil))
            _ = state.handle(.exited(shard: 0, .exited(70)))
            #expect(state.summary.failure?.code == .workerFailed)
            // A worker's failure outranks the reason the crawl was stopping.
            #expect(state.summary.stopReason == "worker-failed")
        }

        @Test func maxPagesKeepsExactlyThatManyPages() {
            var (state, _) = started(maxPages: 2, seeds: [url(onShard: 0, depth: 0)])
            #expect(state.handle(.message(shard: 0, .page(page(1)))) == [.write(page(1))])
            #expect(state.handle(.written(page(1))) == [])
            #expect(state.handle(.message(shard: 1, .page(page(2)))) == [.write(page(2))])
            #expect(state.handle(.written(page(2))) == stopBoth)
            #expect(state.summary.stopReason == "max-pages")
            // Pages in flight when the limit was reached are dropped.
            #expect(state.handle(.message(shard: 0, .page(page(3)))) == [])
            #expect(state.summary.pages == 2)
        }

        @Test func aFailedWriteStopsTheCrawlWithThatError() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            _ = state.handle(.message(shard: 0, .page(page(1))))
            #expect(state.handle(.writeFailed(TrawlError(.writeFailed, "disk full"))) == stopBoth)
            #expect(state.summary.failure?.message == "disk full")
            #expect(state.summary.pages == 0)
        }

        @Test func linksAfterStopGoNowhere() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            _ = state.handle(.limitReached("max-time"))
            #expect(state.handle(.message(shard: 0, .links([url(onShard: 1, depth: 1)]))) == [])
            #expect(state.summary.stopReason == "max-time")
        }

        @Test func workersThatOutstayTheGracePeriodAreKilled() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            _ = state.handle(.interrupted)
            _ = state.handle(.outputEnded(shard: 0, readError: nil))
            _ = state.handle(.exited(shard: 0, .exited(0)))
            let actions = state.handle(.stopTimedOut)
            #expect(actions.count == 2)
            #expect(actions.last == .kill(shard: 1))
        }

        @Test func aWorkerSendingACoordinatorMessageIsAProtocolViolation() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            #expect(state.handle(.message(shard: 1, .stop)) == stopBoth)
            #expect(state.summary.failure?.code == .protocolViolation)
            #expect(state.summary.stopReason == "worker-failed")
        }

        @Test func theDepthCeilingRisesAsShallowWorkFinishes() {
            var (state, _) = started(seeds: [url(onShard: 0, depth: 0)])
            let deeper = url(onShard: 1, depth: 1, page: 5)
            _ = state.handle(.message(shard: 0, .links([deeper])))
            let busy = ShardStatus(idle: false, batchesReceived: 1, minPendingDepth: 1, pagesDone: 1)
            #expect(state.handle(.message(shard: 0, .status(busy))) == [.send(.depthCeiling(2), to: 0), .send(.depthCeiling(2), to: 1)])
        }
    }
}
