/// How `ReconnectingRedis` reads the time and waits between attempts: the
/// real clock and a blocking sleep, or in tests a manual clock whose
/// sleeps only move it forward, so that backoff and deadlines can be
/// checked exactly, without waiting.
struct RetryTimer: Sendable {
    var now: @Sendable () -> ContinuousClock.Instant
    var sleep: @Sendable (Duration) -> Void

    static let real = RetryTimer(now: { ContinuousClock.now }, sleep: { sleepThisThread(for: $0) })
}
