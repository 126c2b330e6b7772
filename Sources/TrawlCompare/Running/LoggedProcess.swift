#if canImport(Glibc)
import Glibc
import TrawlCore

/// A child process whose standard output and error go to a log file and
/// whose standard input is /dev/null: a `trawl crawl` or `trawl serve` run
/// by `trawl compare`. Started with `posix_spawn`; a dedicated thread reaps
/// it with `wait4`, so its CPU time, peak RSS and context switches (its
/// waited-for children's included) are known once it has exited.
///
/// Prefer `withRunning`, which always reaps the child.
final class LoggedProcess: Sendable {
    let pid: pid_t
    let executablePath: String
    let logPath: String
    private let exit: ExitWatch

    private init(pid: pid_t, executablePath: String, logPath: String, exit: ExitWatch) {
        self.pid = pid
        self.executablePath = executablePath
        self.logPath = logPath
        self.exit = exit
    }

    /// Starts `executablePath` with `arguments`, output to `logPath`
    /// (created or truncated). Throws naming the log or the executable.
    static func start(executablePath: String, arguments: [String], logPath: String) throws(TrawlError) -> LoggedProcess {
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw TrawlError(.outputUnwritable, "cannot create log file '\(logPath)': \(Errno.current)") }
        defer { close(log) }
        let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard null >= 0 else { throw TrawlError(.spawnFailed, "cannot open /dev/null: \(Errno.current)") }
        defer { close(null) }
        let pid = try Spawner.spawn(executablePath, arguments: arguments, environment: nil,
                                    standardInput: null, standardOutput: log, standardError: log)
        let exit = try ExitWatch.watching(pid)
        return LoggedProcess(pid: pid, executablePath: executablePath, logPath: logPath, exit: exit)
    }

    /// Starts the child, runs `body` with it, and always reaps it: when
    /// `body` returns or throws (or is cancelled) a child still running gets
    /// SIGTERM, then SIGKILL after `gracePeriod`.
    static func withRunning<Value: Sendable>(
        executablePath: String, arguments: [String], logPath: String, gracePeriod: Duration = .seconds(10),
        _ body: (LoggedProcess) async throws -> Value
    ) async throws -> Value {
        let child = try start(executablePath: executablePath, arguments: arguments, logPath: logPath)
        do {
            let value = try await body(child)
            _ = await child.stop(gracePeriod: gracePeriod)
            return value
        } catch {
            _ = await child.stop(gracePeriod: gracePeriod)
            throw error
        }
    }

    /// Sends `signal` unless the child has already been reaped.
    @discardableResult
    func kill(signal: Int32 = SIGTERM) -> Bool { exit.kill(signal) }

    /// How it ended; nil while it runs.
    var exitStatus: ExitStatus? { exit.status }

    /// Its whole-life usage from `wait4` (children it reaped included);
    /// nil until it has been reaped.
    var resourceUsage: ResourceUsage? { exit.usage }

    /// Waits for the exit; not cancellable (a child is always reaped).
    func waitForExit() async -> ExitStatus { await exit.wait() }

    /// SIGTERM, then SIGKILL once `gracePeriod` has passed; returns the
    /// exit status. Safe to call after the child has gone.
    func stop(gracePeriod: Duration) async -> ExitStatus {
        if let status = exitStatus { return status }
        kill(signal: SIGTERM)
        let watchdog = Task { [self] in
            try await Task.sleep(for: gracePeriod)
            kill(signal: SIGKILL)
        }
        let status = await waitForExit()
        watchdog.cancel()
        return status
    }

    /// CPU seconds (user + system) the running child has used so far, from
    /// /proc/PID/stat; nil once it has gone.
    var cpuSecondsSoFar: Double? { ResourceUsage.cpuSeconds(ofProcess: pid) }
}
#endif
