/// A Lua script run by its SHA-1 (EVALSHA), so its source crosses the
/// network once per server rather than once per call.
///
/// Redis keeps scripts in a cache that a restart or SCRIPT FLUSH empties;
/// it then answers EVALSHA with NOSCRIPT. `evaluate` handles that: it
/// loads the source (SCRIPT LOAD) and runs the call again, so callers
/// never see NOSCRIPT.
public struct RedisScript: Hashable, Sendable {
    public let source: String
    /// 40 lowercase hex digits, computed here; SCRIPT LOAD returns the same.
    public let sha1: String

    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(Array(source.utf8))
    }

    /// One call's KEYS and ARGV.
    public struct Call: Sendable {
        public var keys: [any RedisArgument]
        public var arguments: [any RedisArgument]

        public init(keys: [any RedisArgument] = [], arguments: [any RedisArgument] = []) {
            self.keys = keys
            self.arguments = arguments
        }
    }

    /// Runs the script once. An error the script raises (redis.error_reply,
    /// a Lua runtime error) is thrown as `.server` with Redis's text.
    @discardableResult
    public func evaluate(on connection: RedisConnection, keys: [any RedisArgument] = [],
                         arguments: [any RedisArgument] = []) throws(RedisError) -> RedisReply {
        let command = evalsha(Call(keys: keys, arguments: arguments))
        do {
            return try connection.command(command)
        } catch where error.isNoScript {
            try load(on: connection)
            return try connection.command(command)
        }
    }

    /// Runs many calls in one pipeline; replies in order, a call's error as
    /// an `.error` reply in its place. Calls refused with NOSCRIPT are run
    /// again, in their order, after loading the script: they then run
    /// after the calls that did not need it.
    public func evaluate(on connection: RedisConnection, calls: [Call]) throws(RedisError) -> [RedisReply] {
        var replies = try connection.pipeline(calls.map(evalsha))
        let refused = replies.indices.filter { replies[$0].errorText?.hasPrefix("NOSCRIPT ") == true }
        guard !refused.isEmpty else { return replies }
        try load(on: connection)
        let retried = try connection.pipeline(refused.map { evalsha(calls[$0]) })
        for (index, reply) in zip(refused, retried) { replies[index] = reply }
        return replies
    }

    /// SCRIPT LOAD: puts the source in the server's script cache.
    public func load(on connection: RedisConnection) throws(RedisError) {
        let reply = try connection.command("SCRIPT", "LOAD", source)
        guard reply.string == sha1 else {
            throw RedisError(code: .protocol, endpoint: connection.endpoint.server,
                             message: "redis at \(connection.endpoint.server): SCRIPT LOAD returned \(reply), expected \(sha1)")
        }
    }

    private func evalsha(_ call: Call) -> [any RedisArgument] {
        ["EVALSHA", sha1, call.keys.count] + call.keys + call.arguments
    }
}
