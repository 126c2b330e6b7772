import Foundation
import Synchronization
import Testing
@testable import TrawlRedis

struct RedisFrontierStoreWorkersTests {
    /// What the workers saw, under one lock.
    struct Seen {
        var fetching: [String: Int] = [:]
        var mostAtOnce = 0
        var fetched: [String] = []
        var failures: [String] = []
    }

    @Test func fourWorkersFetchEveryURLOnceAndNoHostTwiceAtOnce() throws {
        try withRedisServer { server in
            let endpoint = server.endpoint(crawl: "t")
            let policy = FrontierPolicy(obeyRobots: true, maxPerHost: 1)
            let hosts = (0..<10).map { "h\($0).example" }
            let urls = hosts.flatMap { host in (0..<20).map { page(host, "\($0)") } }
            let seeder = RedisFrontierStore(redis: ReconnectingRedis(endpoint: endpoint), crawl: "t", partitions: 4, policy: policy)
            #expect(try seeder.add(urls) == 200)
            let seen = Mutex(Seen())
            DispatchQueue.concurrentPerform(iterations: 4) { worker in
                do {
                    let store = RedisFrontierStore(redis: ReconnectingRedis(endpoint: endpoint), crawl: "t",
                                                   partitions: 4, policy: policy)
                    let deadline = ContinuousClock.now + .seconds(20)
                    while ContinuousClock.now < deadline, try !store.isFinished() {
                        let leases = try (0..<4).flatMap {
                            try store.acquire(partition: ($0 + worker) % 4, max: 3, leaseMs: 10_000, level: .max).leases
                        }
                        seen.withLock { seen in
                            for lease in leases {
                                seen.fetching[lease.hostKey, default: 0] += 1
                                seen.mostAtOnce = max(seen.mostAtOnce, seen.fetching[lease.hostKey]!)
                            }
                        }
                        sleepThisThread(for: .milliseconds(1))
                        for lease in leases {
                            // Recorded before complete: after it, another worker may take the host.
                            seen.withLock { seen in
                                seen.fetching[lease.hostKey]! -= 1
                                seen.fetched.append(lease.url)
                            }
                            let outcome: FrontierCompletion = lease.kind == .robots
                                ? .robots(rules: [], crawlDelayMs: nil) : .page(record: Array(lease.url.utf8))
                            guard try store.complete(lease, outcome: outcome) else {
                                throw RedisError(code: .server, endpoint: "", message: "lease \(lease.id) fenced")
                            }
                        }
                    }
                } catch {
                    seen.withLock { $0.failures.append("worker \(worker): \(error)") }
                }
            }
            let result = seen.withLock { $0 }
            #expect(result.failures.isEmpty)
            #expect(result.mostAtOnce == 1)
            #expect(result.fetched.count == 210)
            #expect(try seeder.isFinished())
            let records = try seeder.allRecords().map { String(decoding: $0, as: UTF8.self) }
            #expect(records.sorted() == urls.map(\.url).sorted())
            #expect(try seeder.status().done == 210)
        }
    }
}
