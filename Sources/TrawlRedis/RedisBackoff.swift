/// How long to wait before each new attempt to reach Redis: `initial`
/// after the first failure, doubling after each further one, never more
/// than `maximum`, and each wait shortened by a random share of up to
/// `jitter` so that workers that lost Redis together do not all come back
/// in the same instant.
public struct RedisBackoff: Hashable, Sendable {
    public var initial: Duration
    public var maximum: Duration
    /// 0 … 1: 0.25 waits between 75 % and 100 % of the nominal delay.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5), jitter: Double = 0.25) {
        self.initial = initial
        self.maximum = maximum
        self.jitter = min(1, max(0, jitter))
    }

    /// 100 ms, 200 ms, 400 ms … 5 s, 5 s, with 25 % jitter.
    public static let standard = RedisBackoff()

    /// The wait before attempt `failures + 1`, without jitter.
    public func nominalDelay(afterFailures failures: Int) -> Duration {
        var delay = initial
        for _ in 1..<max(1, failures) where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }

    /// The wait before attempt `failures + 1`, with jitter drawn from
    /// `generator`.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let nominal = nominalDelay(afterFailures: failures)
        guard jitter > 0 else { return nominal }
        return nominal * (1 - Double.random(in: 0...jitter, using: &generator))
    }
}
