import Synchronization

/// The live numbers the progress line shows; the engine updates them under
/// a Mutex, the progress task reads them.
public struct CrawlCounters: Sendable, Equatable {
    public var pages = 0
    public var errors = 0
    public var inFlight = 0
    public var queued = 0
    public var bytes = 0
    public var peakThreads = 0
    /// `--mode processes`: the process tree's peak resident memory as
    /// sampled (see `WorkerProcesses.sampleTree`).
    public var peakTreeResidentBytes = 0
}

/// Shared home of the live counters: the driver writes, the progress task
/// reads. A class so both tasks hold the same Mutex (which cannot be copied).
final class LiveCounters: Sendable {
    private let state = Mutex(CrawlCounters())

    func update<R>(_ body: (inout CrawlCounters) -> R) -> R {
        state.withLock { body(&$0) }
    }
}
