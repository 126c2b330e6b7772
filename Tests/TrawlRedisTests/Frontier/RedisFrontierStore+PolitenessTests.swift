import Testing
@testable import TrawlRedis

struct RedisFrontierStorePolitenessTests {
    @Test func withoutLevelsAWaitingShallowHostIsNotLeasedEarly() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 2, delayMs: 5_000), partitions: 1) { store, _ in
            try store.add([page("a.example", "1", depth: 0), page("a.example", "2", depth: 0)])
            let first = try store.acquireAny(leaseMs: 10_000, level: .max)
            #expect(first.map(\.url) == ["https://a.example/1"])
            // Host a stays ready (1 of 2 in flight) but is due only 5 s later.
            try store.add([page("b.example", "1", depth: 3)])
            let (leases, granted) = try store.acquire(partition: 0, max: 10, leaseMs: 10_000, level: .max)
            #expect(leases.map(\.url) == ["https://b.example/1"])
            // A worker that got leases asks again anyway: no hint then.
            #expect(granted == nil)
            let (none, hint) = try store.acquire(partition: 0, max: 10, leaseMs: 10_000, level: .max)
            #expect(none.isEmpty)
            #expect(hint == first[0].expiresAtMs - 10_000 + 5_000)
            #expect(try store.status().readyHosts == 1)
        }
    }

    @Test func theWakeHintIsWhenTheSoonestHostIsDue() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxPerHost: 2, delayMs: 1_000), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2")])
            let leases = try store.acquire(partition: 0, max: 10, leaseMs: 10_000, level: 0).leases
            #expect(leases.count == 1)
            let (none, hint) = try store.acquire(partition: 0, max: 10, leaseMs: 10_000, level: 0)
            #expect(none.isEmpty)
            let started = leases[0].expiresAtMs - 10_000
            #expect(hint == started + 1_000)
        }
    }

    @Test func aHostsCrawlDelayLengthensItsDelay() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true, maxPerHost: 1, delayMs: 0), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2")])
            let robots = try #require(try store.acquireAny().first)
            try store.complete(robots, outcome: .robots(rules: Array("Disallow: /x".utf8), crawlDelayMs: 300))
            let completedAt = try store.serverNowMs()
            let first = try #require(try store.acquireAny(leaseMs: 1_000, timeout: .seconds(3)).first)
            #expect(first.expiresAtMs - 1_000 >= completedAt)
            try store.complete(first, outcome: .page(record: [1]))
            let firstDoneAt = try store.serverNowMs()
            let second = try #require(try store.acquireAny(leaseMs: 1_000, timeout: .seconds(3)).first)
            #expect(second.expiresAtMs - 1_000 >= firstDoneAt + 300 - 5)
            #expect(second.robotsRules == Array("Disallow: /x".utf8))
        }
    }

    @Test func aReapedRobotsJobStillHoldsItsHost() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true, maxPerHost: 3), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2")])
            let robots = try #require(try store.acquireAny(leaseMs: 100).first)
            sleepThisThread(for: .milliseconds(150))
            let again = try store.acquireAny()
            #expect(again.map(\.kind) == [.robots])
            #expect(again.first?.attempt == 1)
            #expect(try store.acquireAny().isEmpty)
            #expect(try store.complete(robots, outcome: .robots(rules: [], crawlDelayMs: nil)) == false)
            #expect(try store.acquireAny().isEmpty)
            try store.complete(again[0], outcome: .robots(rules: [], crawlDelayMs: nil))
            #expect(try store.acquireAny().map(\.url) == ["https://a.example/1"])
        }
    }

    @Test func everyKeyCarriesTheCrawlsHashTag() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true), partitions: 4) { store, _ in
            try store.add((0..<8).map { page("h\($0).example", "1") })
            _ = try store.configure(settingsJSON: [1])
            for lease in try store.acquireAny() { try store.complete(lease, outcome: .robots(rules: [], crawlDelayMs: nil)) }
            for lease in try store.acquireAny() { try store.complete(lease, outcome: .page(record: [1])) }
            _ = try store.advanceLevelIfDone()
            let keys = try #require(try store.redis.command("KEYS", "*").elements).compactMap(\.string)
            #expect(!keys.isEmpty)
            for key in keys {
                let partitionTag = (0..<4).contains { key.hasPrefix("trawl:{t:\($0)}:") }
                #expect(partitionTag || key.hasPrefix("trawl:{t}:"), "\(key)")
            }
        }
    }

    @Test func anItemIsGivenUpOnAfterItsLastAttempt() throws {
        try withFrontier(FrontierPolicy(obeyRobots: false, maxAttempts: 2), partitions: 1) { store, _ in
            try store.add([page("a.example", "1"), page("a.example", "2")])
            let first = try #require(try store.acquireAny(leaseMs: 100).first)
            sleepThisThread(for: .milliseconds(150))
            let second = try #require(try store.acquireAny().first)
            #expect(second.url == first.url)
            #expect(second.attempt == 1)
            #expect(try store.complete(second, outcome: .retry(afterMs: 0)))
            let status = try store.status()
            #expect(status.dead == 1)
            #expect(status.pending == 1)
            #expect(status.inFlight == 0)
            #expect(try store.redis.command("LLEN", store.keys.prefix(0) + "dead") == .integer(1))
            let next = try #require(try store.acquireAny(timeout: .seconds(2)).first)
            #expect(next.url == "https://a.example/2")
            try store.complete(next, outcome: .page(record: [1]))
            #expect(try store.isFinished())
            #expect(try store.advanceLevelIfDone() == 1)
        }
    }

    @Test func aRobotsJobEndedAsAPageStillFreesItsHost() throws {
        try withFrontier(FrontierPolicy(obeyRobots: true), partitions: 1) { store, _ in
            try store.add([page("a.example", "1")])
            let robots = try #require(try store.acquireAny().first)
            #expect(robots.kind == .robots)
            try store.complete(robots, outcome: .page(record: []))
            #expect(try store.acquireAny(timeout: .seconds(2)).map(\.url) == ["https://a.example/1"])
        }
    }
}
