import Testing
@testable import TrawlRedis

struct ReconnectingRedisTests {
    @Test func aKilledServerIsReconnectedToAndItsDataSurvivesInTheAppendOnlyFile() throws {
        try withRedisServer(.init(appendFsync: .always)) { server in
            var retries: [RedisRetry] = []
            let redis = ReconnectingRedis(endpoint: server.endpoint(), giveUpAfter: .seconds(20)) { retry in
                retries.append(retry)
                // Brought back while the client waits, as an operator would.
                if retries.count == 1 { try? server.restart() }
            }
            try redis.command("SET", "state", [0, 1, 2] as [UInt8])
            _ = try redis.pipeline((0..<500).map { ["SADD", "{0}:s:1", $0] })
            let pid = server.pid
            server.kill()
            #expect(!server.isRunning)

            #expect(try redis.command("GET", "state") == .bulk([0, 1, 2]))
            #expect(try redis.command("SCARD", "{0}:s:1") == .integer(500))
            #expect(server.pid != pid)
            #expect(retries.count == 1)
            let first = try #require(retries.first)
            #expect(first.error.code == .connectionLost)
            #expect(first.failures == 1)
            #expect(first.delay <= .milliseconds(100) && first.delay >= .milliseconds(75))
            #expect(first.description == "\(first.error.message); retrying in \(first.delay.wholeMilliseconds) ms")
            #expect(first.description.hasPrefix("redis at \(server.socketPath): connection lost: "))
        }
    }

    static let missing = "unix:///tmp/trawl-redis-none/redis.sock?crawl=x"

    @Test func anUnreachableServerIsRetriedWithBackoffUntilTheDeadline() throws {
        var retries: [RedisRetry] = []
        let redis = ReconnectingRedis(endpoint: try RedisEndpoint(parsing: Self.missing), backoff: RedisBackoff(jitter: 0),
                                      giveUpAfter: .seconds(2)) { retries.append($0) }
        let clock = ManualClock()
        redis.timer = clock.timer
        let error = try #require(throws: RedisError.self) {
            try redis.command("PING")
        }
        #expect(error.code == .unreachable)
        #expect(error.message == "redis at /tmp/trawl-redis-none/redis.sock unreachable: No such file or directory")
        // 100 + 200 + 400 + 800 ms, then the 500 ms left of the 2 s.
        #expect(retries.map(\.delay) == [100, 200, 400, 800, 500].map { Duration.milliseconds($0) })
        #expect(retries.map(\.failures) == [1, 2, 3, 4, 5])
        #expect(clock.elapsed == .seconds(2))
        #expect(retries.first?.description
            == "redis at /tmp/trawl-redis-none/redis.sock unreachable: No such file or directory; retrying in 100 ms")
    }

    @Test func retriesReallyWaitAndStopAtTheDeadline() throws {
        let redis = ReconnectingRedis(endpoint: try RedisEndpoint(parsing: Self.missing), giveUpAfter: .milliseconds(300))
        let start = ContinuousClock.now
        #expect(throws: RedisError.self) { try redis.command("PING") }
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(300) && waited < .seconds(2))
    }

    @Test func serverErrorsAreNotRetried() throws {
        try withRedisServer { server in
            var retries: [RedisRetry] = []
            let redis = ReconnectingRedis(endpoint: server.endpoint(), giveUpAfter: .seconds(5)) { retries.append($0) }
            try redis.command("SET", "k", "v")
            #expect(throws: RedisError.self) { try redis.command("INCR", "k") }
            #expect(retries.isEmpty)
        }
    }

    @Test func scriptsAreRunAgainAfterARestartEmptiedTheirCache() throws {
        try withRedisServer { server in
            let add = RedisScript("return redis.call('SADD', KEYS[1], ARGV[1])")
            var retries = 0
            let redis = ReconnectingRedis(endpoint: server.endpoint(), giveUpAfter: .seconds(20)) { _ in retries += 1 }
            #expect(try redis.evaluate(add, keys: ["s"], arguments: [1]) == .integer(1))
            try server.restart()
            #expect(try redis.evaluate(add, calls: [.init(keys: ["s"], arguments: [1]), .init(keys: ["s"], arguments: [2])])
                == [.integer(0), .integer(1)])
            #expect(retries == 1)
        }
    }
}
