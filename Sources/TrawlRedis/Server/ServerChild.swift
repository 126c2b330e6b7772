#if canImport(Glibc)
import Dispatch
import Glibc
import Synchronization

/// One redis-server process, spawned from a thread of its own that then
/// waits for the process to end and reaps it.
///
/// Why a thread per child: the child is started through `setpriv
/// --pdeathsig KILL`, so the kernel kills it if the test or benchmark that
/// started it dies without stopping it (a crash, a SIGKILL). The kernel
/// sends that signal when the *thread* that spawned the child ends, so
/// that thread must outlive the child; a cooperative-pool thread may be
/// retired at any time. The same thread reaping the child is what it has
/// to do anyway.
///
/// Signals are sent under the lock the reaper takes to reap, so a pid that
/// has been reaped (and may belong to another process by now) is never
/// signalled.
final class ServerChild: Sendable {
    private enum Phase {
        case starting
        case failed(String)
        case running(pid_t)
        case exited(pid_t, status: Int32)
    }

    private let phase = Mutex<Phase>(.starting)
    private let started = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts `arguments[0]` (an absolute path) with `arguments`, standard
    /// input from /dev/null and standard output and error appended to
    /// `outputPath`. Returns once the process exists.
    static func spawn(_ arguments: [String], outputPath: String) throws(RedisError) -> ServerChild {
        let child = ServerChild()
        let thread = ThreadStart { child.run(arguments, outputPath: outputPath) }
        guard thread.detach() else {
            throw RedisError(code: .serverProcess, endpoint: arguments[0],
                             message: "could not start \(arguments[0]): no thread to watch it")
        }
        child.started.wait()
        if case .failed(let reason) = child.phase.withLock({ $0 }) {
            throw RedisError(code: .serverProcess, endpoint: arguments[0],
                             message: "could not start \(arguments[0]): \(reason)", detail: reason)
        }
        return child
    }

    var pid: pid_t? {
        switch phase.withLock({ $0 }) {
        case .running(let pid), .exited(let pid, _): pid
        case .starting, .failed: nil
        }
    }

    var hasExited: Bool {
        if case .exited = phase.withLock({ $0 }) { true } else { false }
    }

    /// "exited with status 1", "killed by signal 9"; nil while it runs.
    var exitDescription: String? {
        guard case .exited(_, let status) = phase.withLock({ $0 }) else { return nil }
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "killed by signal \(signal)"
    }

    /// Sends `signal` unless the child has been reaped.
    func send(_ signal: Int32) {
        phase.withLock { phase in
            if case .running(let pid) = phase { _ = Glibc.kill(pid, signal) }
        }
    }

    /// Waits up to `timeout` for the child to be reaped; true if it was.
    @discardableResult
    func waitForExit(timeout: Duration) -> Bool {
        guard !hasExited else { return true }
        let nanoseconds = Int(min(timeout.wholeMilliseconds, 86_400_000)) * 1_000_000
        guard ended.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success else { return false }
        ended.signal() // for the next waiter
        return true
    }

    // MARK: - On the child's own thread

    private func run(_ arguments: [String], outputPath: String) {
        let pid: pid_t
        switch Self.spawnHere(arguments, outputPath: outputPath) {
        case .failure(let failure):
            phase.withLock { $0 = .failed(failure.reason) }
            started.signal()
            return
        case .success(let spawned):
            pid = spawned
        }
        phase.withLock { $0 = .running(pid) }
        started.signal()
        // Wait without reaping, then reap under the lock `send` takes.
        var information = siginfo_t()
        while waitid(P_PID, id_t(pid), &information, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        phase.withLock { phase in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            phase = .exited(pid, status: status)
        }
        ended.signal()
    }

    private static func spawnHere(_ arguments: [String], outputPath: String) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)

        // The server starts with every signal at its default action and
        // none blocked, whatever this process ignores (SIGPIPE) or blocks.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard result == 0 else { return .failure(SpawnFailure(reason: String(cString: strerror(result)))) }
        return .success(pid)
    }
}

private struct SpawnFailure: Error {
    let reason: String
}

/// A detached POSIX thread running one closure.
private struct ThreadStart {
    let body: @Sendable () -> Void

    init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
    }

    func detach() -> Bool {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            return false
        }
        pthread_detach(thread)
        return true
    }

    private final class Box: Sendable {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }
}
#endif
