#if canImport(Glibc)
import Foundation
import Glibc

/// A private redis-server for tests, benchmarks and demos, in a fresh
/// folder `/tmp/trawl-redis-XXXXXX` (short, because a unix socket's path
/// must fit in 107 bytes) holding its configuration, socket, log and
/// append-only file.
///
/// `start()` returns once the server answers PING; `kill()` ends it with
/// SIGKILL, as a crash would, and `restart()` starts it again on the same
/// folder (and port), so it replays its append-only file; `stop()` ends it
/// with SIGTERM and removes the folder. Prefer `withRedisServer { }`, which
/// stops it however the body ends; deinit stops it too, and if the whole
/// process dies the kernel kills the server (see `ServerChild`).
///
/// Nothing here uses a system Redis service: only the `redis-server`
/// program, found on PATH.
///
/// Not Sendable: one test owns it.
public final class RedisServerProcess {
    public struct Options: Sendable {
        /// Also listen on 127.0.0.1 at a free port, for `redis://` tests.
        public var listensOnTCP: Bool
        /// `always` makes every write durable before its reply (crash
        /// tests); `everysec` is what a crawl would use.
        public var appendFsync: AppendFsync
        /// More configuration lines, appended as they are.
        public var extraConfiguration: [String]
        /// How long `start()` waits for PING to answer.
        public var startTimeout: Duration
        /// The program, found on PATH unless it holds a "/".
        public var executable: String

        public init(listensOnTCP: Bool = false, appendFsync: AppendFsync = .everysec,
                    extraConfiguration: [String] = [], startTimeout: Duration = .seconds(10),
                    executable: String = "redis-server") {
            self.listensOnTCP = listensOnTCP
            self.appendFsync = appendFsync
            self.extraConfiguration = extraConfiguration
            self.startTimeout = startTimeout
            self.executable = executable
        }
    }

    public enum AppendFsync: String, Sendable {
        case always, everysec, no
    }

    public let options: Options
    /// The server's folder; removed by `stop()`.
    public let directory: String
    /// The TCP port, once `start()` has picked it; nil without TCP.
    public private(set) var port: Int?
    private var child: ServerChild?
    private var removed = false

    /// Makes the folder; the server starts with `start()`.
    public init(options: Options = Options()) throws(RedisError) {
        self.options = options
        self.directory = try ServerDirectory.make()
    }

    deinit {
        stop()
    }

    public var socketPath: String { "\(directory)/redis.sock" }
    public var pid: Int32? { child?.pid }
    public var isRunning: Bool { child.map { !$0.hasExited } ?? false }

    /// `unix://DIR/redis.sock?crawl=NAME`.
    public func endpoint(crawl: String = "test") -> RedisEndpoint {
        RedisEndpoint(transport: .unixSocket(path: socketPath), crawl: crawl)
    }

    /// `redis://127.0.0.1:PORT/NAME`, once started with `listensOnTCP`.
    public func tcpEndpoint(crawl: String = "test") -> RedisEndpoint? {
        port.map { RedisEndpoint(transport: .tcp(host: "127.0.0.1", port: $0), crawl: crawl) }
    }

    /// Starts the server (unless it runs) and waits until it answers PING.
    /// Throws `.serverProcess` when redis-server is missing, exits, or does
    /// not answer within `startTimeout`; the message ends with its log.
    public func start() throws(RedisError) {
        guard !removed else { throw failure("stopped, and its folder removed; make a new RedisServerProcess") }
        guard !isRunning else { return }
        let program = try locateProgram()
        // A port picked now may be taken before redis-server binds it; a
        // port kept from an earlier start is kept (clients know it).
        let pickedHere = options.listensOnTCP && port == nil
        var attempt = 0
        while true {
            attempt += 1
            if options.listensOnTCP && port == nil { port = try FreePort.pick() }
            try writeConfiguration()
            let launched = try ServerChild.spawn(launchArguments(program), outputPath: "\(directory)/redis.out")
            child = launched
            switch waitUntilReady(launched) {
            case .ready:
                return
            case .exited where pickedHere && attempt < 5 && logTail().contains("Address already in use"):
                port = nil
            case .exited:
                throw failure("\(launched.exitDescription ?? "exited") during start", log: true)
            case .timedOut:
                launched.send(SIGKILL)
                launched.waitForExit(timeout: .seconds(10))
                throw failure("did not answer PING within \(options.startTimeout.wholeMilliseconds) ms", log: true)
            }
        }
    }

    /// Ends the server with SIGTERM (SIGKILL if it takes over 10 s), waits
    /// for it, and removes its folder. Idempotent; the object is then spent.
    public func stop() {
        terminate()
        guard !removed else { return }
        removed = true
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Ends the server with SIGKILL, as a crash would, and waits for it.
    /// The folder stays, for `restart()`.
    public func kill() {
        guard let child, !child.hasExited else { return }
        child.send(SIGKILL)
        child.waitForExit(timeout: .seconds(10))
    }

    /// Ends the server with SIGTERM if it runs, then starts it again on the
    /// same folder and port: it replays its append-only file.
    public func restart() throws(RedisError) {
        terminate()
        try start()
    }

    /// The last `lines` lines of the server's log and of what it printed.
    public func logTail(lines: Int = 20) -> String {
        ["redis.out", "redis.log"].compactMap { name in
            guard let text = try? String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8), !text.isEmpty else { return nil }
            return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    // MARK: - Private

    private func terminate() {
        guard let child, !child.hasExited else { return }
        child.send(SIGTERM)
        if !child.waitForExit(timeout: .seconds(10)) {
            child.send(SIGKILL)
            child.waitForExit(timeout: .seconds(10))
        }
    }

    private enum Readiness { case ready, exited, timedOut }

    private func waitUntilReady(_ launched: ServerChild) -> Readiness {
        let deadline = ContinuousClock.now + options.startTimeout
        let probe = endpoint()
        while ContinuousClock.now < deadline {
            if launched.hasExited { return .exited }
            if let connection = try? RedisConnection(connectingTo: probe, connectTimeout: .milliseconds(200), commandTimeout: .seconds(1)),
               (try? connection.command("PING")) == .status("PONG") {
                return .ready
            }
            sleepThisThread(for: .milliseconds(10))
        }
        return launched.hasExited ? .exited : .timedOut
    }

    private func writeConfiguration() throws(RedisError) {
        let text = ServerConfiguration(directory: directory, port: port, options: options).text
        do {
            try text.write(toFile: "\(directory)/redis.conf", atomically: true, encoding: .utf8)
        } catch {
            throw failure("could not write its configuration: \(error)")
        }
    }

    /// Through `setpriv --pdeathsig KILL` when util-linux is there (see
    /// `ServerChild`), else redis-server alone.
    private func launchArguments(_ program: String) -> [String] {
        let server = [program, "\(directory)/redis.conf"]
        let setpriv = "/usr/bin/setpriv"
        guard access(setpriv, X_OK) == 0 else { return server }
        return [setpriv, "--pdeathsig", "KILL", "--"] + server
    }

    private func locateProgram() throws(RedisError) -> String {
        if options.executable.contains("/") {
            guard access(options.executable, X_OK) == 0 else { throw failure("\(options.executable) is not an executable program") }
            return options.executable
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"]
        for folder in folders {
            let candidate = "\(folder)/\(options.executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw failure("\(options.executable) not found on PATH (\(path)): install Debian's redis-server (make deps)")
    }

    private func failure(_ what: String, log: Bool = false) -> RedisError {
        var message = "redis-server in \(directory): \(what)"
        let tail = log ? logTail(lines: 10) : ""
        if !tail.isEmpty { message += "; its log ends:\n\(tail)" }
        return RedisError(code: .serverProcess, endpoint: directory, message: message, detail: tail)
    }
}

@available(*, unavailable, message: "one test owns a private server")
extension RedisServerProcess: Sendable {}

/// Runs `body` with a started private server, and stops it (removing its
/// folder) however `body` ends.
public func withRedisServer<Result>(_ options: RedisServerProcess.Options = .init(),
                                    _ body: (RedisServerProcess) throws -> Result) throws -> Result {
    let server = try RedisServerProcess(options: options)
    defer { server.stop() }
    try server.start()
    return try body(server)
}
#endif
