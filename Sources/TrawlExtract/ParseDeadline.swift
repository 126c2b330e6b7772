#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A budget of the calling thread's CPU time, read every `interval` ticks
/// so that the clock (a system call) costs nothing per tick.
///
/// CPU time rather than wall time: a page must not lose links because the
/// machine was busy with other pages.
struct ParseDeadline {
    /// Ticks between clock reads. A tick costs libxml2 at most the depth of
    /// its element stack (see `SAXSession`), about 3 ms at the deepest a
    /// 10 MB page allows, so the deadline is overrun by well under a second.
    static let interval = 64

    private let limit: Int64
    private var countdown = interval
    private(set) var expired = false

    init(after budget: Duration) {
        let (seconds, attoseconds) = budget.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let budgetNanoseconds = nanoseconds.overflow ? Int64.max / 2 : nanoseconds.partialValue + attoseconds / 1_000_000_000
        limit = Self.threadCPUNanoseconds() &+ max(budgetNanoseconds, 0)
    }

    /// Counts one tick; true once the budget is spent (and ever after).
    @inline(__always)
    mutating func tick() -> Bool {
        countdown -= 1
        if countdown > 0 || expired { return expired }
        countdown = Self.interval
        expired = Self.threadCPUNanoseconds() >= limit
        return expired
    }

    static func threadCPUNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
