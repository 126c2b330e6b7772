/// The live numbers the progress line shows; the engine updates them under
/// a Mutex, the progress task reads them.
public struct CrawlCounters: Sendable, Equatable {
    public var pages = 0
    public var errors = 0
    public var inFlight = 0
    public var queued = 0
    public var bytes = 0
    public var peakThreads = 0
}
