internal import CHiredis
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension RedisError {
    /// The failure of a connect, from the context hiredis returned: every
    /// connect failure means the server is unreachable ("Connection
    /// refused", "No such file or directory", "Connection timed out").
    static func unreachable(_ context: UnsafeMutablePointer<redisContext>, server: String) -> RedisError {
        let text = String(cString: chiredis_error_text(context))
        return RedisError(code: .unreachable, endpoint: server, message: "redis at \(server) unreachable: \(text)", detail: text)
    }

    /// The failure of a command or pipeline on a connected context.
    /// hiredis reports a socket timeout (SO_RCVTIMEO/SO_SNDTIMEO) as an I/O
    /// error whose errno is EAGAIN; errno was copied by the shim at the
    /// failing call.
    static func failedCommand(_ context: UnsafeMutablePointer<redisContext>, savedErrno: Int32,
                              server: String, commandTimeout: Duration) -> RedisError {
        let text = String(cString: chiredis_error_text(context))
        switch context.pointee.err {
        case REDIS_ERR_IO where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            return RedisError(code: .timedOut, endpoint: server,
                              message: "redis at \(server): no reply within \(commandTimeout.wholeMilliseconds) ms", detail: text)
        case REDIS_ERR_PROTOCOL:
            return RedisError(code: .protocol, endpoint: server, message: "redis at \(server): protocol error: \(text)", detail: text)
        default:
            // REDIS_ERR_EOF ("Server closed the connection"), other I/O
            // errors (ECONNRESET, EPIPE), and out of memory.
            return RedisError(code: .connectionLost, endpoint: server, message: "redis at \(server): connection lost: \(text)", detail: text)
        }
    }

    static func closed(server: String) -> RedisError {
        RedisError(code: .closed, endpoint: server,
                   message: "redis at \(server): the connection is closed (closed by its owner or after an earlier failure)")
    }
}
