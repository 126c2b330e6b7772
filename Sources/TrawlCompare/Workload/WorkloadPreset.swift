/// Named workloads that put the classic claims about I/O concurrency to a
/// measurement. Sized so that `--preset all` with three repeats takes about
/// a quarter of an hour on two cores.
public enum WorkloadPreset: String, Sendable, CaseIterable, Codable {
    /// Small pages, high latency: waiting dominates, the question is what a
    /// waiting request costs — a thread or a task.
    case ioBound = "io-bound"
    /// Thousands of connections, each response slow (500 ms): the event loop's home
    /// ground, and the scale where a thread per request hurts most.
    case manySlow = "many-slow"
    /// Large, deeply nested pages served at once: parsing dominates, which
    /// is where processes are supposed to win.
    case cpuBound = "cpu-bound"
    /// Medium pages, latency spread from 10 to 300 ms.
    case mixed

    public var workload: Workload {
        var web = WebShape()
        let summary: String
        let concurrencies: [Int]
        switch self {
        case .ioBound:
            web.hosts = 20; web.pagesPerHost = 150; web.pageSize = 4096; web.latency = "50ms"
            concurrencies = [16, 256, 1024]
            summary = "small pages, 50 ms latency: threads vs event loop when waiting dominates"
        case .manySlow:
            // Many hosts and links, so the frontier is thousands wide after
            // two rounds and the high concurrencies are really in flight.
            web.hosts = 100; web.pagesPerHost = 100; web.pageSize = 2048; web.latency = "500ms"; web.outDegree = 16
            concurrencies = [512, 1024, 2048]
            summary = "thousands of connections, 500 ms responses: what each waiting request costs"
        case .cpuBound:
            web.hosts = 10; web.pagesPerHost = 200; web.pageSize = 100 * 1024; web.latency = "0"
            web.outDegree = 40; web.nesting = 200
            concurrencies = [2, 8, 32]
            summary = "100 KB deeply nested pages, no latency: parsing dominates, where processes should win"
        case .mixed:
            web.hosts = 20; web.pagesPerHost = 150; web.pageSize = 16 * 1024; web.latency = "10..300ms"
            web.outDegree = 12; web.nesting = 20
            concurrencies = [64, 256, 1024]
            summary = "16 KB pages, latency 10–300 ms: a bit of everything"
        }
        return Workload(name: rawValue, summary: summary, web: web, concurrencies: concurrencies)
    }
}
