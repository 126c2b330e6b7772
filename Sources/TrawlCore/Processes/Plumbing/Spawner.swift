#if canImport(Glibc)
import Dispatch
import Glibc
import TrawlFetch
import Synchronization

/// `posix_spawn` with standard input and output (and optionally error) redirected, every signal
/// at its default action and none blocked in the child. Every other
/// descriptor the parent opened with close-on-exec stays out of the child.
///
/// The child's environment names this process in `TRAWL_PARENT_PID`, so a
/// trawl child can arm `ParentDeath`; and every child is spawned from one
/// thread that lives as long as the process, because the kernel delivers
/// that signal when the spawning *thread* ends: a cooperative-pool thread
/// (libdispatch retires idle ones) would kill a worker mid-crawl.
public enum Spawner {
    public static func spawn(
        _ path: String, arguments: [String], environment: [String: String]?,
        standardInput: Int32, standardOutput: Int32, standardError: Int32? = nil
    ) throws(TrawlError) -> pid_t {
        var environment = environment ?? currentEnvironment()
        guard let thread = SpawnThread.shared else {
            // No thread for it: spawn here, and name no parent, so that no
            // child arms a signal this thread's end would fire.
            environment[ParentDeath.environmentKey] = nil
            return try spawnHere(path, arguments: arguments, environment: environment, standardInput: standardInput,
                                 standardOutput: standardOutput, standardError: standardError).get()
        }
        environment[ParentDeath.environmentKey] = String(getpid())
        let finalEnvironment = environment
        return try thread.run {
            spawnHere(path, arguments: arguments, environment: finalEnvironment, standardInput: standardInput,
                      standardOutput: standardOutput, standardError: standardError)
        }.get()
    }

    private static func spawnHere(
        _ path: String, arguments: [String], environment: [String: String],
        standardInput: Int32, standardOutput: Int32, standardError: Int32?
    ) -> Result<pid_t, TrawlError> {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copy: only 0 and 1 survive exec.
        posix_spawn_file_actions_adddup2(&actions, standardInput, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, STDOUT_FILENO)
        if let standardError { posix_spawn_file_actions_adddup2(&actions, standardError, STDERR_FILENO) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = CStringArray([path] + arguments)
        let envp = CStringArray(environment.map { "\($0.key)=\($0.value)" })
        var pid = pid_t()
        let result = argv.withPointers { argv in
            envp.withPointers { envp in posix_spawn(&pid, path, &actions, &attributes, argv, envp) }
        }
        guard result == 0 else {
            return .failure(TrawlError(.spawnFailed, "could not start \(path): \(Errno(code: result))"))
        }
        return .success(pid)
    }

    /// The parent's environment, read from `environ`.
    private static func currentEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let line = String(cString: pointer)
            if let equals = line.firstIndex(of: "=") {
                environment[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
            entry += 1
        }
        return environment
    }
}

/// The thread every child is spawned from: started on first use, never
/// ended. Callers hand it a job and wait for its result (a spawn takes
/// about a millisecond, as it did on the caller's thread).
private final class SpawnThread: Sendable {
    static let shared: SpawnThread? = try? SpawnThread()

    private let jobs = Mutex<[@Sendable () -> Void]>([])
    private let jobsWaiting = DispatchSemaphore(value: 0)

    private init() throws(TrawlError) {
        // The thread holds the (immortal) instance for ever.
        try OSThread.detached(name: "trawl-spawn") { [self] in
            while true { nextJob()() }
        }
    }

    private func nextJob() -> @Sendable () -> Void {
        jobsWaiting.wait()
        return jobs.withLock { $0.removeFirst() }
    }

    func run<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> Value {
        let result = ResultSlot<Value>()
        let done = DispatchSemaphore(value: 0)
        jobs.withLock { $0.append { result.value = body(); done.signal() } }
        jobsWaiting.signal()
        done.wait()
        return result.value!
    }
}

/// One job's result, written on the spawn thread before it signals `done`
/// and read by the caller after `done.wait()`: the semaphore orders the
/// two accesses, so there is never a concurrent one.
private final class ResultSlot<Value>: @unchecked Sendable {
    var value: Value?
}

/// NUL-terminated copies of strings plus a NULL-terminated array of
/// pointers to them, as argv and envp; freed on deinit.
private final class CStringArray {
    private var pointers: [UnsafeMutablePointer<CChar>?]

    init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }

    func withPointers<R>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
#endif
