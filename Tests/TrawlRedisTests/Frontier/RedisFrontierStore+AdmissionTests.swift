import Testing
@testable import TrawlRedis

/// What the add script decides beyond seen-ness: refusals counted once,
/// the per-host caps counted cluster-wide, redirect hops past the caps and
/// at the head of their host's list; and the ends a crawl adds to
/// `complete` (a redirect handed on, a robots record), and the status.
struct RedisFrontierStoreAdmissionTests {
    private func refused(_ entry: FrontierEntry, _ rule: String) -> FrontierEntry {
        var entry = entry
        entry.admission = .refused(rule)
        return entry
    }

    @Test func aRefusedURLIsCountedOnceAndNeverQueued() throws {
        try withFrontier { store, _ in
            let deep = refused(page("a.example", "deep", depth: 3), "max-depth")
            #expect(try store.add([deep, deep]) == 1)
            #expect(try store.add([deep]) == 0)
            let status = try store.status()
            #expect(status.refused == ["max-depth": 1])
            #expect(status.pending == 0)
        }
    }

    @Test func perHostCapsCountAcrossCallsAndSpareNoneButTheSeedsShapeCap() throws {
        let policy = FrontierPolicy(obeyRobots: false, maxPagesPerHost: 4, maxQueryVariants: 1, maxPathVariants: 1)
        try withFrontier(policy, partitions: 1) { store, _ in
            func entry(_ path: String, depth: Int = 1, query: String? = nil, shape: String? = nil) -> FrontierEntry {
                var entry = page("a.example", path, depth: depth)
                entry.admission = .admit(queryKey: query, shapeKey: shape)
                return entry
            }
            #expect(try store.add([entry("q?1", query: "https://a.example/q")]) == 1)
            #expect(try store.add([entry("q?2", query: "https://a.example/q")]) == 1)
            #expect(try store.add([entry("2031", depth: 0, shape: "/#")]) == 1)
            #expect(try store.add([entry("2032", depth: 0, shape: "/#")]) == 1)
            #expect(try store.add([entry("2033", shape: "/#")]) == 1)
            #expect(try store.add([entry("plain"), entry("more")]) == 2)
            let status = try store.status()
            // q?1, 2031 (a seed), 2032 (a seed, spared the shape cap) and
            // plain are in, filling the host's cap of 4; 2033 is a link
            // past the shape cap, and more comes too late.
            #expect(status.pending == 4)
            #expect(status.refused == ["max-query-variants": 1, "max-path-variants": 1, "max-pages-per-host": 1])
        }
    }

    @Test func aHopGoesPastTheCapsToTheHeadOfItsHostsList() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPagesPerHost: 1), partitions: 1) { store, _ in
            try store.add([page("a.example", "1", depth: 2), page("a.example", "2", depth: 2)])
            var hop = page("a.example", "hop", depth: 1, referrer: "https://r.example/")
            hop.admission = .hop(payload: "0a\nff")
            #expect(try store.add([hop]) == 1)
            let leases = try store.acquireAny(level: 1)
            #expect(leases.map(\.url) == ["https://a.example/hop"])
            #expect(leases.first?.hopPayload == "0a\nff")
            #expect(leases.first?.referrer == "https://r.example/")
            #expect(try store.complete(leases[0], outcome: .redirected))
            #expect(try store.allRecords().isEmpty)
            #expect(try store.status().done == 1)
        }
    }

    @Test func aRobotsJobsRecordGoesToTheStreamAndItsRulesToTheHost() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true), partitions: 1) { store, _ in
            try store.add([page("a.example", "1")])
            let robots = try #require(try store.acquireAny().first)
            #expect(try store.complete(robots, outcome: .robots(rules: [1, 2], crawlDelayMs: nil, record: [9, 9, 9])))
            #expect(try store.allRecords() == [[9, 9, 9]])
            #expect(try store.acquireAny().first?.robotsRules == [1, 2])
        }
    }

    @Test func statusCountsHostsDueAndWaitingAndWorkersAlive() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 2, delayMs: 60_000), partitions: 2) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2"), page("b.example", "1")])
            var status = try store.status()
            #expect(status.hostsDue == 2 && status.hostsWaiting == 0)
            _ = try store.acquireAny()
            status = try store.status()
            // a.example waits out its delay with one URL left; b.example is empty.
            #expect(status.hostsDue == 0 && status.hostsWaiting == 1)
            try store.beat(worker: "w1")
            try store.beat(worker: "w2")
            #expect(try store.workersAlive(windowMs: 10_000) == 2)
            try store.leave(worker: "w1")
            #expect(try store.workersAlive(windowMs: 10_000) == 1)
        }
    }

    /// A page's own retry (a 500, say) parks the page, not its host: the
    /// host's next page is leased at once, the parked one once its wait is
    /// over, at the head of its host's list.
    @Test func aPageOnlyRetryParksThePageNotItsHost() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 1), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2"), page("a.example", "3")])
            let first = try #require(try store.acquireAny().first)
            #expect(try store.complete(first, outcome: .retry(afterMs: 300, holdsHost: false)))
            let second = try store.acquireAny()
            #expect(second.map(\.url) == ["https://a.example/2"])
            #expect(try store.status().pending == 2)
            try store.complete(second[0], outcome: .page(record: [2]))
            let third = try store.acquireAny()
            #expect(third.map(\.url) == ["https://a.example/3"])
            try store.complete(third[0], outcome: .page(record: [3]))
            let back = try store.acquireAny(timeout: .seconds(5))
            #expect(back.map(\.url) == ["https://a.example/1"])
            #expect(back.first?.attempt == 1)
            try store.complete(back[0], outcome: .page(record: [1]))
            #expect(try store.isFinished())
        }
    }

    /// A lease id is the fencing token, and the URL it was issued for is
    /// checked too: a Redis that lost its last acknowledged writes in a
    /// restart may issue an old id again, to another item, whose lease the
    /// old holder must not end.
    @Test func aLeaseIdReissuedToAnotherURLIsNotEndedByItsOldHolder() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("b.example", "2")])
            let leases = try store.acquireAny()
            #expect(leases.count == 2)
            var stale = leases[0]
            stale.url = leases[1].url
            #expect(try store.complete(stale, outcome: .page(record: [1])) == false)
            #expect(try store.allRecords().isEmpty)
            #expect(try store.complete(leases[0], outcome: .page(record: [1])))
        }
    }

    @Test func leasesFromManyPartitionsComeInOnePipeline() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false), partitions: 4) { store, _ in
            try store.add((0..<8).map { page("h\($0).example", "x") })
            let results = try store.acquire(partitions: [0, 1, 2, 3], max: 10, leaseMs: 10_000, level: 0)
            #expect(results.map(\.leases.count).reduce(0, +) == 8)
            for (partition, result) in zip(0..<4, results) {
                #expect(result.leases.allSatisfy { $0.partition == partition })
            }
            let endings = results.flatMap(\.leases).map { (lease: $0, outcome: FrontierCompletion.page(record: [1])) }
            #expect(try store.complete(endings) == Array(repeating: true, count: 8))
            #expect(try store.complete(endings) == Array(repeating: false, count: 8))
            #expect(try store.isFinished())
        }
    }
}
