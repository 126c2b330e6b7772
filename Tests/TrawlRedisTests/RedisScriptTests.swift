import Testing
@testable import TrawlRedis

struct RedisScriptTests {
    /// Adds ARGV[1] to the set KEYS[1]; returns 1 if it was new.
    let add = RedisScript("return redis.call('SADD', KEYS[1], ARGV[1])")

    @Test func theLocalDigestIsTheOneRedisComputes() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            #expect(try redis.command("SCRIPT", "LOAD", add.source).string == add.sha1)
        }
    }

    @Test func evaluateRecoversFromAFlushedScriptCache() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            #expect(try add.evaluate(on: redis, keys: ["seen"], arguments: [7]) == .integer(1))
            #expect(try redis.command("SCRIPT", "EXISTS", add.sha1) == .array([.integer(1)]))
            try redis.command("SCRIPT", "FLUSH")
            #expect(try redis.command("SCRIPT", "EXISTS", add.sha1) == .array([.integer(0)]))
            #expect(try add.evaluate(on: redis, keys: ["seen"], arguments: [7]) == .integer(0))
            #expect(try add.evaluate(on: redis, keys: ["seen"], arguments: [8]) == .integer(1))
            #expect(try redis.command("SCARD", "seen") == .integer(2))
        }
    }

    @Test func pipelinedCallsRecoverFromAFlushedScriptCache() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let calls = (0..<200).map { RedisScript.Call(keys: ["seen"], arguments: [$0 % 100]) }
            let replies = try add.evaluate(on: redis, calls: calls)
            #expect(replies == (0..<200).map { .integer($0 < 100 ? 1 : 0) })
            try redis.command("SCRIPT", "FLUSH")
            let again = try add.evaluate(on: redis, calls: [RedisScript.Call(keys: ["seen"], arguments: [5]),
                                                            RedisScript.Call(keys: ["seen"], arguments: [500])])
            #expect(again == [.integer(0), .integer(1)])
        }
    }

    @Test func aRestartedServerHasLostItsScriptsButNotTheCaller() throws {
        try withRedisServer { server in
            #expect(try add.evaluate(on: RedisConnection(connectingTo: server.endpoint()), keys: ["s"], arguments: [1]) == .integer(1))
            try server.restart()
            let redis = try RedisConnection(connectingTo: server.endpoint())
            #expect(try redis.command("SCRIPT", "EXISTS", add.sha1) == .array([.integer(0)]))
            #expect(try add.evaluate(on: redis, keys: ["s"], arguments: [1]) == .integer(0))
        }
    }

    @Test func errorsAScriptRaisesAreThrownWithRedissText() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let refuse = RedisScript("return redis.error_reply('LEASE stale token')")
            let raised = try #require(throws: RedisError.self) {
                try refuse.evaluate(on: redis)
            }
            #expect(raised.code == .server)
            #expect(raised.detail == "LEASE stale token")
            let wrongType = RedisScript("return redis.call('INCR', KEYS[1])")
            try redis.command("SET", "text", "abc")
            let failed = try #require(throws: RedisError.self) {
                try wrongType.evaluate(on: redis, keys: ["text"])
            }
            #expect(failed.code == .server)
            #expect(failed.detail == "ERR value is not an integer or out of range script: \(wrongType.sha1), on @user_script:1.")
            let replies = try refuse.evaluate(on: redis, calls: [RedisScript.Call()])
            #expect(replies == [.error("LEASE stale token")])
        }
    }

    @Test func scriptsReturnNestedReplies() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let nested = RedisScript("return {1, 'two', {3, {ARGV[1]}}, redis.status_reply('OK')}")
            #expect(try nested.evaluate(on: redis, arguments: [[0, 255] as [UInt8]])
                == .array([.integer(1), .bulk(Array("two".utf8)), .array([.integer(3), .array([.bulk([0, 255])])]), .status("OK")]))
        }
    }

    /// hiredis 0.14 reads arrays 8 levels deep and refuses a 9th, though
    /// its message says "depth > 7" (it counts the levels below the top).
    @Test func repliesNestedDeeperThanHiredisReadsAreAProtocolError() throws {
        try withRedisServer { server in
            let redis = try RedisConnection(connectingTo: server.endpoint())
            let nested = { (depth: Int) in
                RedisScript("return " + String(repeating: "{", count: depth) + "1" + String(repeating: "}", count: depth))
            }
            #expect(try nested(8).evaluate(on: redis) == (1..<8).reduce(.array([.integer(1)])) { inner, _ in .array([inner]) })
            let error = try #require(throws: RedisError.self) {
                try nested(9).evaluate(on: redis)
            }
            #expect(error.code == .protocol)
            #expect(error.message == "redis at \(server.socketPath): protocol error: No support for nested multi bulk replies with depth > 7")
            #expect(!redis.isConnected)
        }
    }
}
