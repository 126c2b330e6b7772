import Testing
@testable import TrawlRedis

/// A store over a private redis-server that `body` owns.
func withFrontier(_ policy: FrontierPolicy = FrontierPolicy(obeyRobots: false), partitions: Int = 4,
                  server options: RedisServerProcess.Options = .init(),
                  _ body: (RedisFrontierStore, RedisServerProcess) throws -> Void) throws {
    try withRedisServer(options) { server in
        let redis = ReconnectingRedis(endpoint: server.endpoint(crawl: "t"), giveUpAfter: .seconds(20))
        try body(RedisFrontierStore(redis: redis, crawl: "t", partitions: partitions, policy: policy), server)
    }
}

/// `https://HOST/PATH` at `depth`, its fingerprint a stable function of the URL.
func page(_ host: String, _ path: String, depth: Int = 0, referrer: String? = nil) -> FrontierEntry {
    let url = "https://\(host)/\(path)"
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    return FrontierEntry(url: url, hostKey: "https://\(host)", depth: depth, referrer: referrer,
                         fingerprint: Int64(bitPattern: hash))
}

extension RedisFrontierStore {
    /// Redis TIME in ms: the clock the scripts use.
    func serverNowMs() throws -> Int64 {
        let parts = try #require(try redis.command("TIME").elements)
        return try #require(parts[0].integerValue) * 1000 + (try #require(parts[1].integerValue)) / 1000
    }

    /// Acquires from every partition until some lease comes or `timeout` passes.
    func acquireAny(max: Int = 100, leaseMs: Int64 = 10_000, level: Int = 0,
                    timeout: Duration = .zero) throws -> [FrontierLease] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let leases = try (0..<partitions).flatMap { try acquire(partition: $0, max: max, leaseMs: leaseMs, level: level).leases }
            if !leases.isEmpty || ContinuousClock.now >= deadline { return leases }
            sleepThisThread(for: .milliseconds(10))
        }
    }

    func allRecords() throws -> [[UInt8]] {
        try (0..<partitions).flatMap { try readRecords(partition: $0, count: 10_000).map(\.bytes) }
    }
}
