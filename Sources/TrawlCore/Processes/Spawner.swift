#if canImport(Glibc)
import Glibc

/// `posix_spawn` with standard input and output (and optionally error) redirected, every signal
/// at its default action and none blocked in the child. Every other
/// descriptor the parent opened with close-on-exec stays out of the child.
enum Spawner {
    static func spawn(
        _ path: String, arguments: [String], environment: [String: String]?,
        standardInput: Int32, standardOutput: Int32, standardError: Int32? = nil
    ) throws(TrawlError) -> pid_t {
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
        let envp = CStringArray((environment ?? currentEnvironment()).map { "\($0.key)=\($0.value)" })
        var pid = pid_t()
        let result = argv.withPointers { argv in
            envp.withPointers { envp in posix_spawn(&pid, path, &actions, &attributes, argv, envp) }
        }
        guard result == 0 else {
            throw TrawlError(.spawnFailed, "could not start \(path): \(Errno(code: result))")
        }
        return pid
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
