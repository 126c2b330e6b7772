#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thousand concurrent connections need a thousand descriptors on each
/// side when the client is in the same process; the default soft limit
/// (often 1024) is not enough, the hard limit is.
enum FileDescriptorLimit {
    static func raiseSoftToHard() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        #if canImport(Darwin)
        // macOS reports an infinite hard limit but refuses more than OPEN_MAX.
        limit.rlim_cur = min(limit.rlim_max, rlim_t(OPEN_MAX))
        #else
        limit.rlim_cur = limit.rlim_max
        #endif
        // Failing leaves the old limit; the server still runs, with fewer fds.
        _ = setrlimit(resource, &limit)
    }
}
