#if canImport(Glibc)
import Glibc

/// The few glibc calls Swift's Glibc module hides behind `_GNU_SOURCE`,
/// looked up once with `dlsym` and called through their C signatures.
/// (A C shim would do as well, but only TrawlFetch and TrawlExtract see C.)
enum LinuxCalls {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    private static let pipe2Function: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// A pipe whose two ends are close-on-exec from the start, so a child
    /// spawned by another thread at the same moment cannot inherit them.
    /// Returns (read end, write end), or the errno.
    static func closeOnExecPipe() -> Result<(read: Int32, write: Int32), Errno> {
        var fds: [Int32] = [-1, -1]
        let result: Int32
        if let pipe2Function {
            result = pipe2Function(&fds, O_CLOEXEC)
        } else {
            // No pipe2 (not seen on glibc ≥ 2.9): set the flag right after.
            result = pipe(&fds)
            if result == 0 { for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) } }
        }
        guard result == 0 else { return .failure(Errno.current) }
        return .success((fds[0], fds[1]))
    }
}

/// An errno value with its text, for error messages.
public struct Errno: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: Int32

    public static var current: Errno { Errno(code: errno) }

    public var description: String { "\(String(cString: strerror(code))) (errno \(code))" }
}
#endif
