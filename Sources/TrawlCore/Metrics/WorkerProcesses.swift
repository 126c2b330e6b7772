import Synchronization

/// The worker processes of a `--mode processes` run, registered as they
/// start, so the progress task can count the threads of the whole process
/// tree while the crawl runs (a worker's own peak RSS and CPU come from
/// `wait4` when it is reaped; its thread count has no such record).
final class WorkerProcesses: Sendable {
    private let pids = Mutex<[Int32]>([])

    func add(_ pid: Int32) {
        pids.withLock { $0.append(pid) }
    }

    /// Threads alive now in the workers that are still running.
    func threadCount() -> Int {
        pids.withLock { $0 }.reduce(0) { $0 + (ResourceUsage.threadCount(ofProcess: $1) ?? 0) }
    }
}
