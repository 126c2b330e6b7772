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

    @Test func anUnreachableServerIsRetriedWithBackoffUntilTheDeadline() throws {
        let endpoint = try RedisEndpoint(parsing: "unix:///tmp/trawl-redis-none/redis.sock?crawl=x")
        var retries: [RedisRetry] = []
        let redis = ReconnectingRedis(endpoint: endpoint, backoff: RedisBackoff(jitter: 0), giveUpAfter: .milliseconds(500)) {
            retries.append($0)
        }
        let start = ContinuousClock.now
        let error = try #require(throws: RedisError.self) {
            try redis.command("PING")
        }
        #expect(error.code == .unreachable)
        #expect(error.message == "redis at /tmp/trawl-redis-none/redis.sock unreachable: No such file or directory")
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(500) && waited < .seconds(2))
        // 100 + 200 ms, then the 200 ms left of the 500 (a little less:
        // the failed connects took time too).
        #expect(retries.count == 3)
        #expect(retries.prefix(2).map(\.delay) == [.milliseconds(100), .milliseconds(200)])
        #expect(retries.last.map { $0.delay > .milliseconds(150) && $0.delay <= .milliseconds(200) } == true)
        #expect(retries.first?.description
            == "redis at /tmp/trawl-redis-none/redis.sock unreachable: No such file or directory; retrying in 100 ms")
        #expect(retries.map(\.failures) == [1, 2, 3])
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
