internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The loop's wake-up: any thread may `signal()`, the loop thread waits for
/// it in epoll. Closed when the last owner lets go, so a late signal from a
/// caller that still holds the fetcher can never hit a reused fd number.
final class EventFD: Sendable {
    let fd: Int32

    init() throws(FetchError) {
        fd = CCurl_eventfd_create()
        guard fd >= 0 else {
            throw FetchError(code: .other, url: "", message: "eventfd failed: \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(fd)
    }

    func signal() {
        _ = CCurl_eventfd_signal(fd)
    }

    /// Resets the counter; the loop calls this before taking its commands.
    func drain() {
        CCurl_counter_drain(fd)
    }
}
