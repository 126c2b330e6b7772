import Foundation
import Logging
import Synchronization
import TrawlCore

/// What a running crawl shows on stderr. On a terminal, a live status line:
/// pages ("n of N" and an ETA under --max-pages), pages/s, in flight,
/// queued, errors. Elsewhere (cron, CI, systemd, a pipe), a stats line at
/// notice level every --stats-interval, through the crawl's log, as
/// Scrapy's LogStats does: a crawl that is not watched still says it lives.
enum ProgressLine {
    static func handler(maxPages: Int?, statsInterval: Duration, log: LogSettings) throws(TrawlError) -> CrawlEngine.ProgressHandler? {
        if Terminal.stderrIsTerminal && log.file == nil {
            return { counters, elapsed in Terminal.writeError("\r\u{1B}[K" + statusText(counters, elapsed, maxPages: maxPages)) }
        }
        guard statsInterval > .zero, log.level <= .notice else { return nil }
        let logger = try log.makeLogger()
        let lastLogged = LastLogged()
        return { counters, elapsed in
            guard lastLogged.isDue(at: elapsed, every: statsInterval) else { return }
            let seconds = elapsed.milliseconds / 1000
            logger.notice("stats", metadata: [
                "pages": "\(counters.pages)", "pages_per_s": "\((Double(counters.pages) / max(seconds, 0.001)).rounded())",
                "in_flight": "\(counters.inFlight)", "queued": "\(counters.queued)", "errors": "\(counters.errors)",
                "elapsed_s": "\((seconds * 10).rounded() / 10)",
            ])
        }
    }

    /// "1234 of 5000 pages  812 pages/s  64 in flight  9120 queued  3 errors  1.5s  ETA 4.6s"
    static func statusText(_ counters: CrawlCounters, _ elapsed: Duration, maxPages: Int?) -> String {
        let seconds = elapsed.milliseconds / 1000
        let rate = seconds > 0 ? Double(counters.pages) / seconds : 0
        var text = maxPages.map { "\(counters.pages) of \($0) pages" } ?? "\(counters.pages) pages"
        text += String(format: "  %.0f pages/s  %d in flight  %d queued  %d errors  %.1fs",
                       rate, counters.inFlight, counters.queued, counters.errors, seconds)
        if let maxPages, rate > 0, counters.pages < maxPages {
            text += String(format: "  ETA %.1fs", Double(maxPages - counters.pages) / rate)
        }
        return text
    }

    static func clear(enabled: Bool) {
        if enabled { Terminal.writeError("\r\u{1B}[K") }
    }
}

/// When the last stats line went out; the progress handler is called from
/// one task at a time, but is @Sendable, so the time sits behind a lock.
private final class LastLogged: Sendable {
    private let last = Mutex<Duration>(.zero)

    func isDue(at elapsed: Duration, every interval: Duration) -> Bool {
        last.withLock { last in
            guard elapsed - last >= interval else { return false }
            last = elapsed
            return true
        }
    }
}
