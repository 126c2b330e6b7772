import Foundation
import TrawlCore

/// The live status line on stderr (only when stderr is a terminal):
/// pages, pages/s, in flight, queued, errors.
enum ProgressLine {
    static func handlerIfTerminal() -> CrawlEngine.ProgressHandler? {
        guard Terminal.stderrIsTerminal else { return nil }
        return { counters, elapsed in
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 ? Double(counters.pages) / seconds : 0
            let line = String(
                format: "\r\u{1B}[K%d pages  %.0f pages/s  %d in flight  %d queued  %d errors  %.1fs",
                counters.pages, rate, counters.inFlight, counters.queued, counters.errors, seconds)
            Terminal.writeError(line)
        }
    }

    static func clear(enabled: Bool) {
        if enabled { Terminal.writeError("\r\u{1B}[K") }
    }
}
