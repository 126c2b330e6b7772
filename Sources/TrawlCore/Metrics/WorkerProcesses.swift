import Synchronization

/// The worker processes of a `--mode processes` run, registered as they
/// start, so the progress task can measure the whole process tree while the
/// crawl runs: its threads, and its resident memory with the shared
/// library pages — the same files mapped by every trawl process — counted
/// once, as the machine holds them.
final class WorkerProcesses: Sendable {
    private let pids = Mutex<[Int32]>([])

    func add(_ pid: Int32) {
        pids.withLock { $0.append(pid) }
    }

    var isEmpty: Bool { pids.withLock { $0.isEmpty } }

    /// This process and its running workers now: threads, and resident
    /// bytes (every process's private memory plus the largest file-backed
    /// share).
    func sampleTree() -> (threads: Int, residentBytes: Int) {
        var threads = 0
        var privateBytes = 0
        var fileBytes = 0
        for process in ["self"] + pids.withLock({ $0 }).map(String.init) {
            guard let snapshot = ResourceUsage.snapshot(ofProcess: process) else { continue }
            threads += snapshot.threads
            privateBytes += snapshot.privateBytes
            fileBytes = max(fileBytes, snapshot.fileBytes)
        }
        return (threads, privateBytes + fileBytes)
    }
}
