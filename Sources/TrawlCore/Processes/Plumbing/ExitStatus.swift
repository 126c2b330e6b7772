#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended.
public enum ExitStatus: Equatable, Sendable, CustomStringConvertible {
    /// It called exit(code). Code -1 means the status was lost: something
    /// else in the process reaped the child first.
    case exited(Int32)
    /// A signal killed it.
    case signalled(Int32)

    public var isSuccess: Bool { self == .exited(0) }

    /// "exited with status 3", "killed by signal 9 (SIGKILL)".
    public var description: String {
        switch self {
        case .exited(-1): "exited with an unknown status (reaped elsewhere)"
        case .exited(let code): "exited with status \(code)"
        case .signalled(let signal):
            if let name = Self.signalName(signal) { "killed by signal \(signal) (\(name))" } else { "killed by signal \(signal)" }
        }
    }

    /// Decodes a `waitpid(2)` status (the WIFEXITED/WTERMSIG macros).
    init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// "SIGKILL" for 9, from the platform's own constants.
    public static func signalName(_ signal: Int32) -> String? {
        names.first { $0.0 == signal }?.1
    }

    private static let names: [(Int32, String)] = [
        (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGILL, "SIGILL"),
        (SIGTRAP, "SIGTRAP"), (SIGABRT, "SIGABRT"), (SIGBUS, "SIGBUS"), (SIGFPE, "SIGFPE"),
        (SIGKILL, "SIGKILL"), (SIGUSR1, "SIGUSR1"), (SIGSEGV, "SIGSEGV"), (SIGUSR2, "SIGUSR2"),
        (SIGPIPE, "SIGPIPE"), (SIGALRM, "SIGALRM"), (SIGTERM, "SIGTERM"), (SIGCHLD, "SIGCHLD"),
        (SIGCONT, "SIGCONT"), (SIGSTOP, "SIGSTOP"), (SIGTSTP, "SIGTSTP"), (SIGTTIN, "SIGTTIN"),
        (SIGTTOU, "SIGTTOU"), (SIGURG, "SIGURG"), (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
        (SIGVTALRM, "SIGVTALRM"), (SIGPROF, "SIGPROF"), (SIGWINCH, "SIGWINCH"), (SIGSYS, "SIGSYS"),
    ]
}
