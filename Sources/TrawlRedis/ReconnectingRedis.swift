/// A Redis connection that survives the server going away: when a call
/// fails because Redis is unreachable, the connection broke, a reply timed
/// out or Redis is still loading its data, it waits (`RedisBackoff`:
/// 100 ms doubling to 5 s, with jitter), tells `onRetry`, reconnects and
/// runs the call again, until it succeeds or `giveUpAfter` has passed
/// since the call began (nil: never gives up). Other errors (a script's
/// error, WRONGTYPE) are thrown at once.
///
/// **Only idempotent or fenced commands may be retried blindly.** After a
/// lost connection or a timeout, the command may have run before the
/// failure; running it again must do no harm: SADD, SET, ZADD NX, a script
/// that checks a lease token before acting. An INCR or RPUSH retried this
/// way may count or push twice.
///
/// Not Sendable, like the `RedisConnection` it owns: one thread uses it.
public final class ReconnectingRedis {
    public let endpoint: RedisEndpoint
    public let connectTimeout: Duration
    public let commandTimeout: Duration
    public let backoff: RedisBackoff
    public let giveUpAfter: Duration?
    private let onRetry: (RedisRetry) -> Void
    private var connection: RedisConnection?
    private var generator = SystemRandomNumberGenerator()
    /// Replaced by tests with a manual clock.
    var timer = RetryTimer.real

    /// Connects at the first call, not here, so a worker started before
    /// Redis waits for it instead of failing.
    public init(endpoint: RedisEndpoint, connectTimeout: Duration = .seconds(2), commandTimeout: Duration = .seconds(5),
                backoff: RedisBackoff = .standard, giveUpAfter: Duration? = nil,
                onRetry: @escaping (RedisRetry) -> Void = { _ in }) {
        self.endpoint = endpoint
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.backoff = backoff
        self.giveUpAfter = giveUpAfter
        self.onRetry = onRetry
    }

    /// Runs `body` on a live connection, as often as retryable failures
    /// require (see the type's documentation); everything `body` does is
    /// the unit that is retried.
    public func withConnection<Result>(_ body: (RedisConnection) throws(RedisError) -> Result) throws(RedisError) -> Result {
        let start = timer.now()
        var failures = 0
        while true {
            do {
                return try body(try liveConnection())
            } catch where error.isRetryable {
                if error.breaksConnection { connection = nil }
                failures += 1
                var delay = backoff.delay(afterFailures: failures, using: &generator)
                if let giveUpAfter {
                    let left = giveUpAfter - (timer.now() - start)
                    guard left > .zero else { throw error }
                    delay = min(delay, left)
                }
                onRetry(RedisRetry(error: error, delay: delay, failures: failures))
                timer.sleep(delay)
            }
        }
    }

    @discardableResult
    public func command(_ arguments: [any RedisArgument]) throws(RedisError) -> RedisReply {
        try withConnection { connection throws(RedisError) in try connection.command(arguments) }
    }

    @discardableResult
    public func command(_ arguments: any RedisArgument...) throws(RedisError) -> RedisReply {
        try command(arguments)
    }

    /// The whole pipeline is sent again after a failure.
    public func pipeline(_ commands: [[any RedisArgument]]) throws(RedisError) -> [RedisReply] {
        try withConnection { connection throws(RedisError) in try connection.pipeline(commands) }
    }

    @discardableResult
    public func evaluate(_ script: RedisScript, keys: [any RedisArgument] = [],
                         arguments: [any RedisArgument] = []) throws(RedisError) -> RedisReply {
        try withConnection { connection throws(RedisError) in
            try script.evaluate(on: connection, keys: keys, arguments: arguments)
        }
    }

    public func evaluate(_ script: RedisScript, calls: [RedisScript.Call]) throws(RedisError) -> [RedisReply] {
        try withConnection { connection throws(RedisError) in try script.evaluate(on: connection, calls: calls) }
    }

    /// Drops the connection; the next call makes a new one.
    public func disconnect() {
        connection?.close()
        connection = nil
    }

    private func liveConnection() throws(RedisError) -> RedisConnection {
        if let connection, connection.isConnected { return connection }
        let made = try RedisConnection(connectingTo: endpoint, connectTimeout: connectTimeout, commandTimeout: commandTimeout)
        connection = made
        return made
    }
}

@available(*, unavailable, message: "owns a RedisConnection, which belongs to one thread")
extension ReconnectingRedis: Sendable {}
