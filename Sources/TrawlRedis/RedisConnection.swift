internal import CHiredis
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One blocking connection to a Redis server (hiredis 0.14, RESP2).
///
/// Each call sends and then waits for its replies on the calling thread,
/// for at most `commandTimeout` per read or write. Any failure of the
/// connection itself (lost, timed out, unreadable reply) closes it for
/// good: a late reply would otherwise be taken as the answer to the next
/// command. `ReconnectingRedis` makes new ones.
///
/// **Not Sendable.** A hiredis context has no lock and holds half-read
/// replies between calls: one thread at a time must own it. Give each
/// worker thread its own connection.
///
/// **SIGPIPE.** hiredis writes with write(2), which raises SIGPIPE when the
/// server has gone; the first connection sets SIGPIPE to ignored (if it
/// was at its default) so that a dead server is an error, not the end of
/// the process. trawl ignores it anyway for its child pipes.
public final class RedisConnection {
    public let endpoint: RedisEndpoint
    public let commandTimeout: Duration
    /// nil once closed.
    private var context: UnsafeMutablePointer<redisContext>?

    /// Connects, waiting at most `connectTimeout`. Throws `.unreachable`
    /// naming the server when nothing answers there.
    public init(connectingTo endpoint: RedisEndpoint, connectTimeout: Duration = .seconds(2),
                commandTimeout: Duration = .seconds(5)) throws(RedisError) {
        _ = Self.ignoreBrokenPipe
        self.endpoint = endpoint
        self.commandTimeout = commandTimeout
        let milliseconds = Int(max(1, connectTimeout.wholeMilliseconds))
        let opened: UnsafeMutablePointer<redisContext>? = switch endpoint.transport {
        case .tcp(let host, let port): chiredis_connect_tcp(host, Int32(port), milliseconds)
        case .unixSocket(let path): chiredis_connect_unix(path, milliseconds)
        }
        guard let opened else {
            throw RedisError(code: .unreachable, endpoint: endpoint.server,
                             message: "redis at \(endpoint.server) unreachable: out of memory for a connection")
        }
        guard opened.pointee.err == 0 else {
            defer { redisFree(opened) }
            throw .unreachable(opened, server: endpoint.server)
        }
        context = opened
        // hiredis 0.14 opens its socket without close-on-exec: a child
        // process spawned later (a worker, a redis-server) would keep the
        // connection open after this process closes it.
        _ = fcntl(opened.pointee.fd, F_SETFD, FD_CLOEXEC)
        // A command's timeout is the socket's read and write timeout.
        guard chiredis_set_timeout(opened, Int(max(1, commandTimeout.wholeMilliseconds))) == REDIS_OK else {
            let error = RedisError.unreachable(opened, server: endpoint.server)
            close()
            throw error
        }
    }

    deinit {
        redisFree(context)
    }

    /// Closes the connection; later calls throw `.closed`. Idempotent.
    public func close() {
        redisFree(context)
        context = nil
    }

    public var isConnected: Bool { context != nil }

    /// Sends one command and returns its reply. An error reply from Redis
    /// is thrown as `.server` (or `.loading`) with Redis's text.
    @discardableResult
    public func command(_ arguments: [any RedisArgument]) throws(RedisError) -> RedisReply {
        let context = try connectedContext()
        let packed = PackedCommand(arguments)
        var savedErrno: Int32 = 0
        let reply = packed.withArgumentVectors { count, pointers, lengths in
            chiredis_command(context, count, pointers, lengths, &savedErrno)
        }
        guard let reply else { throw failure(context, savedErrno: savedErrno) }
        defer { freeReplyObject(reply) }
        let value = RedisReply(copying: reply)
        if case .error(let text) = value { throw .server(text, at: endpoint.server) }
        return value
    }

    /// `command(["GET", key])` as `command("GET", key)`.
    @discardableResult
    public func command(_ arguments: any RedisArgument...) throws(RedisError) -> RedisReply {
        try command(arguments)
    }

    /// Sends every command, then reads every reply: one round trip for the
    /// lot. Replies come back in order, error replies as `.error` values in
    /// their place (the other commands still ran). If the connection fails
    /// part-way this throws, and which commands ran is unknown.
    public func pipeline(_ commands: [[any RedisArgument]]) throws(RedisError) -> [RedisReply] {
        let context = try connectedContext()
        for arguments in commands {
            let appended = PackedCommand(arguments).withArgumentVectors { count, pointers, lengths in
                chiredis_append(context, count, pointers, lengths)
            }
            guard appended == REDIS_OK else { throw failure(context, savedErrno: ENOMEM) }
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            var reply: UnsafeMutablePointer<redisReply>?
            var savedErrno: Int32 = 0
            guard chiredis_get_reply(context, &reply, &savedErrno) == REDIS_OK, let reply else {
                throw failure(context, savedErrno: savedErrno)
            }
            replies.append(RedisReply(copying: reply))
            freeReplyObject(reply)
        }
        return replies
    }

    // MARK: - Private

    private func connectedContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        guard let context else { throw .closed(server: endpoint.server) }
        return context
    }

    /// The error for a failed call, after which the context is unusable
    /// (hiredis keeps `err` set): it is closed here.
    private func failure(_ context: UnsafeMutablePointer<redisContext>, savedErrno: Int32) -> RedisError {
        let error = RedisError.failedCommand(context, savedErrno: savedErrno, server: endpoint.server,
                                             commandTimeout: commandTimeout)
        close()
        return error
    }

    /// Evaluated once, by the first connection.
    private static let ignoreBrokenPipe: Void = {
        var current = sigaction()
        guard sigaction(SIGPIPE, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { return }
        signal(SIGPIPE, SIG_IGN)
    }()
}

@available(*, unavailable, message: "a hiredis context belongs to one thread; give each thread its own connection")
extension RedisConnection: Sendable {}
