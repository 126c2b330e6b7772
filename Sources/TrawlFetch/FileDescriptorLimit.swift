#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Every connection is a file descriptor, and many machines give a process a
/// soft limit of 1,024. Call at start-up, before opening connections.
public enum FileDescriptorLimit {
    /// Raises the soft RLIMIT_NOFILE to the hard limit and returns both as
    /// they stand afterwards (unchanged if raising failed). An unlimited
    /// value is reported as `Int.max`.
    @discardableResult
    public static func raiseSoftLimitToHard() -> (soft: Int, hard: Int) {
        var limit = rlimit()
        guard getrlimit(resourceNoFile, &limit) == 0 else { return (0, 0) }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resourceNoFile, &raised) == 0 {
                limit = raised
            }
        }
        return (count(limit.rlim_cur), count(limit.rlim_max))
    }

    private static func count(_ value: rlim_t) -> Int {
        value > rlim_t(Int.max) ? Int.max : Int(value)
    }

    #if canImport(Glibc)
    private static var resourceNoFile: __rlimit_resource_t { __rlimit_resource_t(UInt32(RLIMIT_NOFILE.rawValue)) }
    #else
    private static var resourceNoFile: Int32 { RLIMIT_NOFILE }
    #endif
}
