/// One wait of `ReconnectingRedis` before it tries again, as reported to
/// its `onRetry` callback. `description` is the line trawl prints on
/// standard error: "redis at 127.0.0.1:6379 unreachable: Connection
/// refused; retrying in 400 ms".
public struct RedisRetry: Sendable, CustomStringConvertible {
    /// The failure that caused the wait.
    public var error: RedisError
    /// How long it waits before the next attempt.
    public var delay: Duration
    /// Failures in a row so far in this call: 1 for the first.
    public var failures: Int

    public var description: String {
        "\(error.message); retrying in \(delay.wholeMilliseconds) ms"
    }
}
