import Synchronization

/// Why a crawl must stop before its work is done, when something other
/// than its driver decides it: a crawl-wide limit (`--max-time`,
/// `--max-memory`) seen by the engine's sampling task. The driver polls it
/// and stops as it does for Ctrl-C, so every export is still written.
/// A class so the sampler and the driver hold the same Mutex.
final class StopRequest: Sendable {
    private let reason = Mutex<String?>(nil)

    /// The first reason asked for, nil while none is.
    var current: String? { reason.withLock { $0 } }

    /// Asks the crawl to stop; the first reason wins.
    func request(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    /// How often the driver looks: as often as the engine samples.
    static let pollInterval: Duration = .milliseconds(100)
}

/// The crawl-wide limits (Scrapy's CLOSESPIDER_TIMEOUT and
/// MEMUSAGE_LIMIT_MB): the engine's sampling task checks them every
/// 100 ms and, once one is reached, asks the crawl to stop.
struct CrawlWideLimits: Sendable {
    var maxTime: Duration?
    var maxMemoryBytes: Int?

    /// The share of `--max-memory` at which the crawl stops: the stop
    /// itself (cancelled transfers, the final sort and graph files) still
    /// needs memory, and RSS is only sampled every 100 ms.
    static let memoryStopFraction = 0.9

    /// The stop reason for a crawl `elapsed` into its run whose process
    /// tree holds `residentBytes`; nil while no limit is reached.
    func reached(elapsed: Duration, residentBytes: Int) -> String? {
        if let maxTime, elapsed >= maxTime { return "max-time" }
        if let maxMemoryBytes, Double(residentBytes) >= Double(maxMemoryBytes) * Self.memoryStopFraction {
            return "max-memory"
        }
        return nil
    }
}
