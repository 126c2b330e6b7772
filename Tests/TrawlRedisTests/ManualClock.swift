import Synchronization
@testable import TrawlRedis

/// A clock that stands still until something sleeps on it, then moves
/// forward by exactly the sleep: backoff tests run without waiting.
final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)

    var elapsed: Duration { offset.withLock { $0 } }

    var timer: RetryTimer {
        RetryTimer(now: { self.start + self.elapsed },
                   sleep: { duration in self.offset.withLock { $0 += duration } })
    }
}
