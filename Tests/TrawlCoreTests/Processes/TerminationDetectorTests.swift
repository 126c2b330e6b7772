import Testing
@testable import TrawlCore

extension Processes {
    struct TerminationDetectorTests {
        private func idle(_ batches: Int, pages: Int = 0) -> ShardStatus {
            ShardStatus(idle: true, batchesReceived: batches, minPendingDepth: nil, pagesDone: pages)
        }

        private func busy(_ batches: Int, minDepth: Int, pages: Int = 0) -> ShardStatus {
            ShardStatus(idle: false, batchesReceived: batches, minPendingDepth: minDepth, pagesDone: pages)
        }

        @Test func nothingIsFinishedBeforeEveryShardHasReported() throws {
            var detector = TerminationDetector(shards: 2)
            #expect(!detector.isFinished)
            #expect(detector.depthCeiling == nil)
            try detector.received(idle(0), from: 0)
            #expect(!detector.isFinished)
            try detector.received(idle(0), from: 1)
            #expect(detector.isFinished)
        }

        @Test func aBatchInFlightKeepsTheCrawlAlive() throws {
            var detector = TerminationDetector(shards: 2)
            detector.sentBatch(to: 0, minDepth: 0)
            try detector.received(idle(0), from: 1)
            try detector.received(idle(0), from: 0)   // sent before the batch arrived
            #expect(!detector.isQuiescent(shard: 0))
            #expect(detector.isQuiescent(shard: 1))
            #expect(!detector.isFinished)
            #expect(detector.depthCeiling == 1)
            try detector.received(busy(1, minDepth: 0), from: 0)
            #expect(!detector.isFinished)
            #expect(detector.depthCeiling == 1)
            try detector.received(idle(1, pages: 1), from: 0)
            #expect(detector.isFinished)
            #expect(detector.depthCeiling == nil)
            #expect(detector.pagesDone == 1)
        }

        @Test func anIdleShardReceivingALateBatchIsBusyAgain() throws {
            var detector = TerminationDetector(shards: 3)
            for shard in 0..<3 { try detector.received(idle(0), from: shard) }
            #expect(detector.isFinished)
            detector.sentBatch([DiscoveredURL(url: "http://b/x", hostKey: "http://b", depth: 4)], to: 2)
            #expect(!detector.isFinished)
            #expect(!detector.isQuiescent(shard: 2))
            #expect(detector.depthCeiling == 5)
            try detector.received(busy(1, minDepth: 4), from: 2)
            #expect(!detector.isFinished)
            try detector.received(idle(1), from: 2)
            #expect(detector.isFinished)
        }

        @Test func idleShardsWithUnacknowledgedBatchesAreNotFinished() throws {
            var detector = TerminationDetector(shards: 2)
            detector.sentBatch(to: 0, minDepth: 1)
            detector.sentBatch(to: 0, minDepth: 2)
            detector.sentBatch(to: 1, minDepth: nil)   // an empty batch still counts
            try detector.received(idle(1), from: 0)
            try detector.received(idle(0), from: 1)
            #expect(!detector.isFinished)
            #expect(detector.batchesSent(to: 0) == 2 && detector.batchesSent(to: 1) == 1)
            #expect(detector.depthCeiling == 3)
            try detector.received(idle(1), from: 1)
            #expect(!detector.isFinished)
            try detector.received(idle(2), from: 0)
            #expect(detector.isFinished)
        }

        @Test func unroutedLinksKeepTheCrawlAliveAndLowerTheCeiling() throws {
            var detector = TerminationDetector(shards: 1)
            try detector.received(busy(0, minDepth: 5), from: 0)
            detector.setUnrouted(minDepth: 3)
            #expect(detector.depthCeiling == 4)
            try detector.received(idle(0), from: 0)
            #expect(!detector.isFinished)
            #expect(detector.depthCeiling == 4)
            detector.setUnrouted(minDepth: nil)
            #expect(detector.isFinished)
            #expect(detector.unroutedMinDepth == nil)
        }

        @Test func theCeilingFollowsAcknowledgements() throws {
            var detector = TerminationDetector(shards: 2)
            detector.sentBatch(to: 0, minDepth: 3)   // batch 1
            detector.sentBatch(to: 0, minDepth: 1)   // batch 2
            detector.sentBatch(to: 0, minDepth: 2)   // batch 3
            detector.sentBatch(to: 1, minDepth: 6)
            #expect(detector.depthCeiling == 2)
            try detector.received(busy(1, minDepth: 3), from: 0)
            #expect(detector.depthCeiling == 2, "batch 2 (depth 1) is still unacknowledged")
            try detector.received(busy(2, minDepth: 1), from: 0)
            #expect(detector.depthCeiling == 2, "its URLs are pending in the shard now")
            try detector.received(busy(2, minDepth: 3), from: 0)
            #expect(detector.depthCeiling == 3, "batch 3 (depth 2) is still unacknowledged")
            try detector.received(busy(3, minDepth: 3), from: 0)
            #expect(detector.depthCeiling == 4)
            try detector.received(idle(3), from: 0)
            #expect(detector.depthCeiling == 7, "only shard 1's unacknowledged batch is left")
            try detector.received(busy(1, minDepth: 8), from: 1)
            #expect(detector.depthCeiling == 9)
            try detector.received(idle(1), from: 1)
            #expect(detector.depthCeiling == nil)
            #expect(detector.isFinished)
        }

        @Test func onlyCeilingIncreasesAreAnnounced() throws {
            var detector = TerminationDetector(shards: 1)
            #expect(detector.takeCeilingIncrease() == nil)
            detector.sentBatch(to: 0, minDepth: 0)
            #expect(detector.takeCeilingIncrease() == 1)
            #expect(detector.takeCeilingIncrease() == nil)
            try detector.received(busy(1, minDepth: 2), from: 0)
            #expect(detector.takeCeilingIncrease() == 3)
            // A lower reading (possible only from stale views) is not announced.
            detector.setUnrouted(minDepth: 1)
            #expect(detector.depthCeiling == 2)
            #expect(detector.takeCeilingIncrease() == nil)
            detector.setUnrouted(minDepth: nil)
            try detector.received(busy(1, minDepth: 3), from: 0)
            #expect(detector.takeCeilingIncrease() == 4)
        }

        @Test func impossibleStatusesAreProtocolViolations() throws {
            var detector = TerminationDetector(shards: 2)
            detector.sentBatch(to: 1, minDepth: 0)
            detector.sentBatch(to: 1, minDepth: 0)
            let cases: [(ShardStatus, Int, String)] = [
                (idle(1), 0, "shard 0 reports 1 discover batches received, but only 0 were sent to it"),
                (ShardStatus(idle: true, batchesReceived: 0, minPendingDepth: 2, pagesDone: 0), 1,
                 "shard 1 reports itself idle with URLs pending at depth 2"),
            ]
            for (status, shard, message) in cases {
                #expect(throws: TrawlError.self) { try detector.received(status, from: shard) }
                do { try detector.received(status, from: shard) } catch {
                    #expect(error.code == .protocolViolation)
                    #expect(error.message == message)
                }
            }
            try detector.received(busy(2, minDepth: 0), from: 1)
            do {
                try detector.received(busy(1, minDepth: 0), from: 1)
                Issue.record("no error")
            } catch {
                #expect(error.message == "shard 1 reports 1 discover batches received, fewer than the 2 it reported before")
            }
            #expect(detector.latestStatus(of: 1) == busy(2, minDepth: 0), "a refused status changes nothing")
            #expect(detector.latestStatus(of: 0) == nil)
        }
    }
}
