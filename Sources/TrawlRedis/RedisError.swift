/// Why a Redis call failed. `code` is what a caller branches on; `message`
/// says what went wrong in a user's words and always names the server (or,
/// for a bad address, the text typed); `detail` is Redis's own error text,
/// or hiredis's and the system's words for a connection failure.
public struct RedisError: Error, Sendable, CustomStringConvertible {
    /// An open set of failure kinds: new ones may be added, so switch with
    /// a `default`.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No connection could be made: nothing listens there, the socket
        /// file is missing, the connect timed out.
        public static let unreachable = Code(rawValue: "unreachable")
        /// The connection broke during a command: the server closed it or
        /// went away. Whether the command ran is unknown.
        public static let connectionLost = Code(rawValue: "connection-lost")
        /// No reply came within the command timeout. Whether the command
        /// ran is unknown, and the connection is dropped: a late reply
        /// would otherwise be read as the answer to the next command.
        public static let timedOut = Code(rawValue: "timed-out")
        /// The connection was closed, by `close()` or by an earlier
        /// failure; a new one must be made.
        public static let closed = Code(rawValue: "closed")
        /// Redis answered with an error (`detail` holds its text, e.g.
        /// "WRONGTYPE Operation against a key holding the wrong kind of value").
        public static let server = Code(rawValue: "server")
        /// Redis is still loading its data set (after a restart, while it
        /// replays the append-only file) and refuses commands until done.
        public static let loading = Code(rawValue: "loading")
        /// The bytes from the server were not RESP, or a reply nested
        /// deeper than hiredis 0.14 reads: an array may hold arrays 7
        /// levels down (8 levels in all), so scripts must return flatter
        /// replies.
        public static let `protocol` = Code(rawValue: "protocol")
        /// The address typed (`--frontier`) is not one TrawlRedis reads.
        public static let badEndpoint = Code(rawValue: "bad-endpoint")
        /// A private redis-server (`RedisServerProcess`) could not be
        /// started or stopped.
        public static let serverProcess = Code(rawValue: "server-process")
    }

    public var code: Code
    /// The server ("127.0.0.1:6379", "/tmp/trawl-redis-x/redis.sock"), or
    /// the address as typed for `.badEndpoint`.
    public var endpoint: String
    /// What went wrong, naming `endpoint`, e.g. "redis at 127.0.0.1:6379
    /// unreachable: Connection refused".
    public var message: String
    /// Redis's own text for `.server` and `.loading`; hiredis's or the
    /// system's otherwise (may be empty).
    public var detail: String

    public init(code: Code, endpoint: String, message: String, detail: String = "") {
        self.code = code
        self.endpoint = endpoint
        self.message = message
        self.detail = detail
    }

    public var description: String { message }

    /// True for failures that a wait and a new attempt may cure: the
    /// server is down, restarting or loading. Retrying is safe only for
    /// commands that are idempotent or fenced (see `ReconnectingRedis`).
    public var isRetryable: Bool {
        [.unreachable, .connectionLost, .timedOut, .closed, .loading].contains(code)
    }

    /// True when the connection that failed can no longer be used.
    public var breaksConnection: Bool {
        [.unreachable, .connectionLost, .timedOut, .closed, .protocol].contains(code)
    }
}

extension RedisError {
    /// "redis at 127.0.0.1:6379: ERR unknown command 'FOO'…", or `.loading`
    /// for Redis's LOADING refusal.
    static func server(_ text: String, at server: String) -> RedisError {
        let code: Code = text.hasPrefix("LOADING ") ? .loading : .server
        return RedisError(code: code, endpoint: server, message: "redis at \(server): \(text)", detail: text)
    }

    /// Whether Redis refused an EVALSHA because its script cache lacks the
    /// script (after a restart or SCRIPT FLUSH).
    var isNoScript: Bool {
        code == .server && detail.hasPrefix("NOSCRIPT ")
    }
}
