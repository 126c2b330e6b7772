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

        private func started(maxPages: Int? = nil, journal: Bool = false, seeds: [DiscoveredURL]) -> (CoordinatorState, [Action]) {
            var state = CoordinatorState(pids: [101, 102], maxPages: maxPages, restartsWorkers: journal)
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
    
        // MARK: With a journal: a worker that dies is replaced

        @Test func withAJournalADeadWorkerIsKilledReapedAndReplaced() {
            var (state, _) = started(journal: true, seeds: [url(onShard: 0, depth: 0), url(onShard: 1, depth: 0, page: 1)])
            // Its output ends: it is made sure of, not mourned; nobody stops.
            #expect(state.handle(.outputEnded(shard: 1, readError: nil)) == [.kill(shard: 1)])
            let restart = state.handle(.exited(shard: 1, .signalled(9)))
            #expect(restart.count == 2)
            #expect(restart.last == .restart(shard: 1))
            if case .warn(let text) = restart.first {
                #expect(text.contains("worker 2 of 2 (pid 102)") && text.contains("starting another"), "\(text)")
            }
            // The successor obeys the ceiling its predecessor was sent.
            #expect(state.handle(.restarted(shard: 1, pid: 202)) == [.send(.depthCeiling(1), to: 1)])
            #expect(state.summary.workerRestarts == 1)
            #expect(state.summary.failure == nil)
            #expect(!state.stopping)
        }

        @Test func linksForAShardWithoutAWorkerWaitForItsReplay() {
            var (state, _) = started(journal: true, seeds: [url(onShard: 0, depth: 0)])
            _ = state.handle(.outputEnded(shard: 1, readError: nil))
            // Dropped, and not counted as sent: the successor replays them
            // from the journal, and acknowledges only what it was sent.
            #expect(state.handle(.message(shard: 0, .links([url(onShard: 1, depth: 1)]))) == [])
            _ = state.handle(.exited(shard: 1, .signalled(9)))
            _ = state.handle(.restarted(shard: 1, pid: 202))
            _ = state.handle(.message(shard: 0, idle(1)))
            // Not over until the successor reports, idle with 0 batches.
            #expect(state.handle(.message(shard: 1, idle(0))) == stopBoth)
        }

        @Test func aShardThatKeepsDyingIsACrashLoop() {
            var (state, _) = started(journal: true, seeds: [url(onShard: 0, depth: 0)])
            for death in 1...CoordinatorState.crashLoopDeaths {
                _ = state.handle(.outputEnded(shard: 1, readError: nil))
                let actions = state.handle(.exited(shard: 1, .signalled(9)))
                if death < CoordinatorState.crashLoopDeaths {
                    #expect(actions.last == .restart(shard: 1))
                    _ = state.handle(.restarted(shard: 1, pid: Int32(200 + death)))
                } else {
                    #expect(actions == [.send(.stop, to: 0), .closeInput(shard: 0), .armStopTimer])
                }
            }
            #expect(state.summary.failure?.code == .workerFailed)
            #expect(state.summary.failure?.message.contains("crash loop") == true)
            #expect(state.summary.workerRestarts == CoordinatorState.crashLoopDeaths - 1)
        }

        @Test func aPageBetweenDeathsEndsTheRunOfDeaths() {
            var (state, _) = started(journal: true, seeds: [url(onShard: 0, depth: 0)])
            for round in 1...(CoordinatorState.crashLoopDeaths + 1) {
                _ = state.handle(.outputEnded(shard: 1, readError: nil))
                #expect(state.handle(.exited(shard: 1, .signalled(9))).last == .restart(shard: 1))
                _ = state.handle(.restarted(shard: 1, pid: Int32(200 + round)))
                _ = state.handle(.message(shard: 1, .page(page(round))))
            }
            #expect(state.summary.failure == nil)
        }

        @Test func robotsRulesAreJournaledOnlyWithAJournal() {
            let note = RobotsNote(hostKey: "http://a.test", rules: [0, 0], unavailable: nil, sitemaps: ["http://a.test/s.xml"])
            var (journaled, _) = started(journal: true, seeds: [url(onShard: 0, depth: 0)])
            #expect(journaled.handle(.message(shard: 0, .robots(note))) == [.recordRobots(note)])
            var (plain, _) = started(seeds: [url(onShard: 0, depth: 0)])
            #expect(plain.handle(.message(shard: 0, .robots(note))) == [])
            #expect(plain.summary.robotsFetched == 1)
            #expect(plain.summary.sitemaps == ["http://a.test/s.xml"])
        }

        @Test func aResumedCrawlSendsNoSeedsAndWaitsForEveryShardsDepth() {
            var resumed = DriveSummary()
            resumed.bytes = 10
            var state = CoordinatorState(pids: [101, 102], maxPages: nil, restartsWorkers: true, resumed: resumed)
            // Every worker rebuilds its shard, so no seeds; until each
            // reports, the shallowest pending depth is taken to be 0.
            #expect(state.start(configurations: [Data("0".utf8), Data("1".utf8)], seeds: []) ==
                    [.send(.configure(Data("0".utf8)), to: 0), .send(.configure(Data("1".utf8)), to: 1),
                     .send(.depthCeiling(1), to: 0), .send(.depthCeiling(1), to: 1)])
            let deep = ShardStatus(idle: false, batchesReceived: 0, minPendingDepth: 4, pagesDone: 9)
            #expect(state.handle(.message(shard: 0, .status(deep))) == [])
            #expect(state.handle(.message(shard: 1, .status(deep))) == [.send(.depthCeiling(5), to: 0), .send(.depthCeiling(5), to: 1)])
            #expect(state.summary.bytes == 10)
        }
    }
}
