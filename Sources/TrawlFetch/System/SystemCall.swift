#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// System calls as trawl makes them: retried when a signal interrupts them
/// (EINTR), as swift-nio's `syscall` wrapper does, in one place instead of
/// a loop at every call. In TrawlFetch, the lowest module that needs it;
/// SyntheticWeb, which imports no trawl module, keeps its two loops.
public enum SystemCall {
    /// Calls `call` (a system call that returns -1 and sets `errno` when it
    /// fails) again while it fails with EINTR. Returns its last result,
    /// with `errno` as that call left it.
    @inlinable
    public static func retryingInterrupts<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes all of `bytes` to `descriptor`, across partial writes and
    /// interrupts. Returns how many bytes were written and, when the system
    /// refused the rest (EPIPE, ENOSPC, …), its errno.
    public static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, error: Int32?) {
        guard let base = bytes.baseAddress else { return (0, nil) }
        var offset = 0
        while offset < bytes.count {
            let written = retryingInterrupts { write(descriptor, base + offset, bytes.count - offset) }
            if written < 0 { return (offset, errno) }
            offset += written
        }
        return (offset, nil)
    }
}
