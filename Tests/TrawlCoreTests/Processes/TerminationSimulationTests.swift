import Testing
@testable import TrawlCore

extension Processes {
    /// `TerminationDetector` against `ShardedCrawlModel`: random graphs,
    /// random interleavings of every pipe, seeded and bounded.
    struct TerminationSimulationTests {
        @Test(arguments: [1, 2, 3, 5])
        func randomInterleavingsNeverFinishEarlyAndAlwaysFinish(shards: Int) {
            var totalSteps = 0
            var totalFetched = 0
            for seed in 0..<25 as Range<UInt64> {
                var model = ShardedCrawlModel(seed: seed * 1_000 + UInt64(shards), pages: 120, hosts: 6, shards: shards)
                let finished = model.run(maxSteps: 50_000)
                #expect(finished, "seed \(seed): not finished after \(model.steps) steps")
                #expect(model.violations == [], "seed \(seed)")
                let fetchedExactlyTheReachablePages = model.fetchedExactlyTheReachablePages
                #expect(fetchedExactlyTheReachablePages, "seed \(seed)")
                let discoverLeft = model.workers.reduce(0) { $0 + $1.inbox.count { if case .discover = $0 { true } else { false } } }
                let pending = model.workers.reduce(0) { $0 + $1.queued.count + $1.inFlight.count }
                #expect(discoverLeft == 0 && pending == 0, "seed \(seed)")
                let pagesDone = model.detector.pagesDone
                #expect(pagesDone == model.fetchedAt.count, "seed \(seed)")
                totalSteps += model.steps
                totalFetched += model.fetchedAt.count
            }
            #expect(totalFetched > 25 * 20, "the graphs are big enough to matter")
            print("TerminationDetector model, \(shards) shards: 25 crawls, \(totalFetched) pages, \(totalSteps) steps")
        }
    }
}
