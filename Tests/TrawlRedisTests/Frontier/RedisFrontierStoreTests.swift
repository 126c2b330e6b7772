import Testing
@testable import TrawlRedis

struct RedisFrontierStoreTests {
    @Test func aHostsPartitionIsFNV1a64OfItsBytes() throws {
        // FNV-1a 64 of "a" is 0xaf63dc4c8601ec8c.
        #expect(FrontierKeys(crawl: "t", partitions: 16).partition(ofHost: "a") == 0xc)
        #expect(FrontierKeys(crawl: "t", partitions: 1_000).partition(ofHost: "a") == Int(0xaf63_dc4c_8601_ec8c as UInt64 % 1_000))
        #expect(FrontierKeys(crawl: "t", partitions: 16).prefix(3) == "trawl:{t:3}:")
    }

    @Test func aFingerprintIsQueuedOnceAndItsBucketStaysAnIntset() throws {
        try withFrontier { store, _ in
            let first = page("a.example", "1")
            #expect(try store.add([first, first]) == 1)
            #expect(try store.add([first]) == 0)
            #expect(try store.add((0..<300).map { page("a.example", "\($0)") }) == 299)
            #expect(try store.status().pending == 300)
            let partition = store.partition(ofHost: first.hostKey)
            for bucket in 0..<store.policy.bucketsPerPartition {
                let key = store.keys.seen(partition, bucket: bucket)
                if try store.redis.command("EXISTS", key) == .integer(1) {
                    #expect(try store.redis.command("OBJECT", "ENCODING", key).string == "intset")
                }
            }
            let bucket = Int(first.fingerprint & 1023)
            #expect(try store.redis.command("SISMEMBER", store.keys.seen(partition, bucket: bucket), first.fingerprint) == .integer(1))
        }
    }

    @Test func aNewHostsRobotsJobComesFirstAndHoldsTheHostAlone() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true, maxPerHost: 4)) { store, _ in
            #expect(try store.add(["1", "2", "3"].map { page("a.example", $0, referrer: "https://r.example/") }) == 3)
            let robots = try store.acquireAny()
            #expect(robots.map(\.kind) == [.robots])
            #expect(robots.first?.url == "https://a.example/robots.txt")
            #expect(robots.first?.robotsRules == nil)
            #expect(try store.acquireAny().isEmpty)
            #expect(try store.status().pending == 3)
            #expect(try store.status().inFlight == 1)
            #expect(try store.complete(robots[0], outcome: .robots(rules: [0, 1, 255], crawlDelayMs: nil)))
            let pages = try store.acquireAny()
            #expect(pages.map(\.url) == ["https://a.example/1"])
            #expect(pages.first?.robotsRules == [0, 1, 255])
            #expect(pages.first?.referrer == "https://r.example/")
            #expect(pages.first?.attempt == 0)
            #expect(try store.allRecords().isEmpty)
        }
    }

    @Test func noMoreThanTheCapOfOneHostIsLeasedAtOnce() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 2)) { store, _ in
            try store.add((0..<20).map { page("a.example", "\($0)") })
            var held: [FrontierLease] = []
            var most = 0
            var fetched: [String] = []
            for round in 0..<200 where fetched.count < 20 {
                held += try store.acquireAny(max: 10)
                #expect(held.count <= 2)
                most = max(most, held.count)
                if round % 2 == 1, !held.isEmpty {
                    let done = held.removeFirst()
                    #expect(try store.complete(done, outcome: .page(record: Array(done.url.utf8))))
                    fetched.append(done.url)
                }
            }
            #expect(most == 2)
            #expect(fetched == (0..<20).map { "https://a.example/\($0)" })
            #expect(try store.isFinished())
        }
    }

    @Test func startsAtOneHostAreTheDelayApartByRedisTime() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 2, delayMs: 200)) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2")])
            let before = try store.serverNowMs()
            let first = try #require(try store.acquireAny().first)
            let deadline = ContinuousClock.now + .seconds(3)
            var second: FrontierLease?
            while second == nil && ContinuousClock.now < deadline {
                second = try store.acquireAny().first
                let after = try store.serverNowMs()
                // A call that ended before the first start + 200 ms got nothing.
                if after < before + 200 { #expect(second == nil) }
            }
            let next = try #require(second)
            #expect(next.expiresAtMs - first.expiresAtMs >= 200)
        }
    }

    @Test func aDeeperItemWaitsForItsLevelAndTheLevelForItsItems() throws {
        try withFrontier { store, _ in
            try store.add([page("a.example", "0", depth: 0), page("b.example", "1", depth: 1)])
            #expect(try store.currentLevel() == 0)
            #expect(try store.advanceLevelIfDone() == 0)
            let level0 = try store.acquireAny(level: 0)
            #expect(level0.map(\.url) == ["https://a.example/0"])
            #expect(try store.acquireAny(level: 0).isEmpty)
            #expect(try store.advanceLevelIfDone() == 0)
            #expect(try store.complete(level0[0], outcome: .page(record: [1])))
            #expect(try store.advanceLevelIfDone() == 1)
            #expect(try store.currentLevel() == 1)
            #expect(try store.acquireAny(level: 1).map(\.url) == ["https://b.example/1"])
            #expect(try store.advanceLevelIfDone() == 1)
        }
    }

    @Test func anExpiredLeaseIsReissuedAndTheOldOneFenced() throws {
        try withFrontier { store, _ in
            try store.add([page("a.example", "1")])
            let old = try #require(try store.acquireAny(leaseMs: 100).first)
            sleepThisThread(for: .milliseconds(150))
            let new = try #require(try store.acquireAny(leaseMs: 10_000).first)
            #expect(new.url == old.url)
            #expect(new.attempt == 1)
            #expect(new.id != old.id)
            #expect(try store.complete(old, outcome: .page(record: [9])) == false)
            #expect(try store.allRecords().isEmpty)
            #expect(try store.status().inFlight == 1)
            #expect(try store.complete(new, outcome: .page(record: [7])))
            #expect(try store.allRecords() == [[7]])
            #expect(try store.complete(new, outcome: .page(record: [7])) == false)
            #expect(try store.allRecords() == [[7]])
        }
    }

    @Test func aHeartbeatKeepsALeaseFromBeingReaped() throws {
        try withFrontier { store, _ in
            try store.add([page("a.example", "1")])
            let lease = try #require(try store.acquireAny(leaseMs: 100).first)
            #expect(try store.extend([lease], leaseMs: 5_000) == 1)
            sleepThisThread(for: .milliseconds(150))
            #expect(try store.acquireAny().isEmpty)
            #expect(try store.complete(lease, outcome: .page(record: [1])))
            #expect(try store.extend([lease], leaseMs: 5_000) == 0)
        }
    }

    @Test func aRetriedItemComesBackAfterItsWait() throws {
        try withFrontier { store, _ in
            try store.add([page("a.example", "1")])
            let lease = try #require(try store.acquireAny().first)
            let retriedAt = try store.serverNowMs()
            #expect(try store.complete(lease, outcome: .retry(afterMs: 300)))
            #expect(try store.status().pending == 1)
            #expect(try store.acquireAny().isEmpty)
            let again = try #require(try store.acquireAny(leaseMs: 1_000, timeout: .seconds(3)).first)
            #expect(again.attempt == 1)
            #expect(again.url == lease.url)
            #expect(again.expiresAtMs - 1_000 >= retriedAt + 300)
            #expect(try store.allRecords().isEmpty)
        }
    }

    @Test func theSettingsStoredFirstAreTheOnesEveryoneGets() throws {
        try withFrontier { store, _ throws in
            let first = Array(#"{"delay":1}"#.utf8), second = Array(#"{"delay":2}"#.utf8)
            #expect(try store.configure(settingsJSON: first) == first)
            #expect(try store.configure(settingsJSON: second) == first)
        }
    }
}
