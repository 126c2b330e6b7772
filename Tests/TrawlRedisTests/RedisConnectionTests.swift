import Testing
@testable import TrawlRedis

struct RedisConnectionTests {
    @Test func eachReplyKindArrivesAsItsCase() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            #expect(try redis.command("PING") == .status("PONG"))
            #expect(try redis.command("SET", "k", "v") == .status("OK"))
            #expect(try redis.command("GET", "k") == .bulk(Array("v".utf8)))
            #expect(try redis.command("GET", "missing") == .bulk(nil))
            #expect(try redis.command("GET", "missing").isNil)
            #expect(try redis.command("INCRBY", "n", 41) == .integer(41))
            #expect(try redis.command("INCR", "n").integerValue == 42)
            #expect(try redis.command("RPUSH", "list", "a", "b") == .integer(2))
            #expect(try redis.command("LRANGE", "list", 0, -1) == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8))]))
            #expect(try redis.command("LRANGE", "none", 0, -1) == .array([]))
            // A nil array (BLPOP that timed out) arrives as the same nil.
            #expect(try redis.command("BLPOP", "none", "0.01") == .bulk(nil))
        }
    }

    @Test func errorRepliesAreThrownWithRedissText() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            try redis.command("SET", "k", "v")
            let error = try #require(throws: RedisError.self) {
                try redis.command("LPUSH", "k", "x")
            }
            #expect(error.code == .server)
            #expect(error.detail == "WRONGTYPE Operation against a key holding the wrong kind of value")
            #expect(error.message == "redis at \(server.socketPath): WRONGTYPE Operation against a key holding the wrong kind of value")
            // The connection is still good after an error reply.
            #expect(try redis.command("GET", "k").string == "v")
        }
    }

    @Test func bulkStringsAreBinarySafe() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let key: [UInt8] = [0, 107, 0, 255]
            let value: [UInt8] = [0, 0, 1, 0, 254, 255, 0]
            try redis.command(["SET", key, value])
            #expect(try redis.command(["GET", key]) == .bulk(value))
            #expect(try redis.command(["STRLEN", key]) == .integer(7))
            #expect(try redis.command(["GET", [0, 107] as [UInt8]]) == .bulk(nil))
            try redis.command(["SET", "empty", [UInt8]()])
            #expect(try redis.command("GET", "empty") == .bulk([]))
        }
    }

    @Test func aPipelineOfAThousandCommandsRepliesInOrder() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let replies = try redis.pipeline((0..<1000).map { _ in ["INCR", "counter"] })
            #expect(replies == (1...1000).map { .integer(Int64($0)) })
            let mixed = try redis.pipeline([["SET", "a", "1"], ["LPUSH", "a", "x"], ["GET", "a"]])
            #expect(mixed == [.status("OK"), .error("WRONGTYPE Operation against a key holding the wrong kind of value"),
                              .bulk(Array("1".utf8))])
            #expect(try redis.pipeline([]) == [])
        }
    }

    @Test func connectsOverTCPAndOverTheUnixSocket() throws {
        try withRedisServer(.init(listensOnTCP: true)) { server in
            let port = try #require(server.port)
            let tcp = try RedisConnection(connectingTo: RedisEndpoint(parsing: "redis://127.0.0.1:\(port)/t"))
            let unix = try RedisConnection(connectingTo: RedisEndpoint(parsing: "unix://\(server.socketPath)?crawl=t"))
            try tcp.command("SET", "via", "tcp")
            #expect(try unix.command("GET", "via").string == "tcp")
            #expect(try tcp.command("CONFIG", "GET", "port").elements?.last?.string == String(port))
            #expect(server.tcpEndpoint(crawl: "t")?.description == "redis://127.0.0.1:\(port)/t")
        }
    }

    @Test func anUnreachableServerIsNamedInTheError() throws {
        let port = try FreePort.pick()
        let tcp = try RedisEndpoint(parsing: "redis://127.0.0.1:\(port)/x")
        let refused = try #require(throws: RedisError.self) {
            _ = try RedisConnection(connectingTo: tcp)
        }
        #expect(refused.code == .unreachable)
        #expect(refused.message == "redis at 127.0.0.1:\(port) unreachable: Connection refused")
        let unix = try RedisEndpoint(parsing: "unix:///tmp/trawl-redis-none/redis.sock?crawl=x")
        let missing = try #require(throws: RedisError.self) {
            _ = try RedisConnection(connectingTo: unix)
        }
        #expect(missing.code == .unreachable)
        #expect(missing.message == "redis at /tmp/trawl-redis-none/redis.sock unreachable: No such file or directory")
    }

    @Test func aSlowReplyTimesOutAndClosesTheConnection() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint(), commandTimeout: .milliseconds(200))
            let start = ContinuousClock.now
            let timeout = try #require(throws: RedisError.self) {
                try redis.command("BLPOP", "never", 5)
            }
            #expect(timeout.code == .timedOut)
            #expect(timeout.message == "redis at \(server.socketPath): no reply within 200 ms")
            let waited = ContinuousClock.now - start
            #expect(waited >= .milliseconds(200) && waited < .seconds(2))
            #expect(!redis.isConnected)
            let closed = try #require(throws: RedisError.self) {
                try redis.command("PING")
            }
            #expect(closed.code == .closed)
        }
    }

    @Test func aServerThatDiesMidSessionLosesTheConnection() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            try redis.command("PING")
            server.kill()
            let error = try #require(throws: RedisError.self) {
                try redis.command("PING")
            }
            #expect(error.code == .connectionLost)
            // Over a unix socket the write fails first (EPIPE); SIGPIPE
            // is ignored, or the test process would have died here.
            #expect(error.message == "redis at \(server.socketPath): connection lost: Broken pipe")
            #expect(error.isRetryable)
            #expect(!redis.isConnected)
        }
    }

    @Test func closeIsFinalAndIdempotent() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            redis.close()
            redis.close()
            #expect(throws: RedisError.self) { try redis.command("PING") }
        }
    }
}
