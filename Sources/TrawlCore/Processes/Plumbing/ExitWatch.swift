#if canImport(Glibc)
import Glibc
import TrawlFetch
import Synchronization

/// Waits for one child to end on a dedicated thread and tells every waiter.
///
/// The thread first waits *without reaping* (`waitid` with WNOWAIT), then
/// reaps under the lock that `kill` takes: until the lock is released the
/// child is a zombie, so its pid cannot be reused by another process while
/// `kill` might signal it.
public final class ExitWatch: Sendable {
    private struct State {
        var status: ExitStatus?
        /// When the waiter thread reaped the child (tests check promptness
        /// with it, whatever the load on the cooperative pool).
        var reapedAt: ContinuousClock.Instant?
        /// The child's own CPU time, peak RSS and context switches (wait4).
        var usage: ResourceUsage?
        var waiters: [CheckedContinuation<ExitStatus, Never>] = []
    }

    public let pid: pid_t
    private let state = Mutex(State())

    init(pid: pid_t) {
        self.pid = pid
    }

    /// A watch on `pid` with its waiter thread running. If no thread can be
    /// started, nothing would ever reap the child: it is killed and reaped
    /// here, and the failure thrown.
    public static func watching(_ pid: pid_t) throws(TrawlError) -> ExitWatch {
        let exit = ExitWatch(pid: pid)
        do {
            try exit.startWaiting()
        } catch {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = SystemCall.retryingInterrupts { waitpid(pid, &status, 0) }
            throw error
        }
        return exit
    }

    func startWaiting() throws(TrawlError) {
        try OSThread.detached(name: "trawl-waitpid") { [self] in
            waitUntilExit()
        }
    }

    public var status: ExitStatus? {
        state.withLock { $0.status }
    }

    var reapedAt: ContinuousClock.Instant? {
        state.withLock { $0.reapedAt }
    }

    public var usage: ResourceUsage? {
        state.withLock { $0.usage }
    }

    public func kill(_ signal: Int32) -> Bool {
        state.withLock { state in
            guard state.status == nil else { return false }
            return Glibc.kill(pid, signal) == 0
        }
    }

    public func wait() async -> ExitStatus {
        await withCheckedContinuation { continuation in
            let status: ExitStatus? = state.withLock { state in
                if state.status == nil { state.waiters.append(continuation) }
                return state.status
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    private func waitUntilExit() {
        var info = siginfo_t()
        _ = SystemCall.retryingInterrupts { waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) }
        let (status, waiters) = state.withLock { state in
            var raw: Int32 = 0
            var usage = rusage()
            let reaped = SystemCall.retryingInterrupts { wait4(pid, &raw, 0, &usage) }
            let status = reaped == pid ? ExitStatus(waitStatus: raw) : .exited(-1)
            state.status = status
            if reaped == pid { state.usage = ResourceUsage(usage) }
            state.reapedAt = .now
            defer { state.waiters = [] }
            return (status, state.waiters)
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }
}
#endif
