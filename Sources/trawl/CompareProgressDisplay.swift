import Foundation
import TrawlCompare
import Synchronization

/// compare's progress: which run of how many, elapsed and ETA on stderr
/// (one live line on a terminal, a line per run otherwise), and one result
/// line per finished run on stdout.
final class CompareProgressDisplay: Sendable {
    private let enabled: Bool
    private let live: Bool
    private let lineShown = Mutex(false)

    init(enabled: Bool) {
        self.enabled = enabled
        live = Terminal.stderrIsTerminal
    }

    func show(_ event: CompareProgress) {
        switch event {
        case .serverStarting(let workload, let web):
            status("\(workload): starting the generated web (\(web.pages) pages) in its own process")
        case .runStarted(let workload, let run, let index, let total, let elapsed, let eta):
            let etaText = eta.map { "ETA \(Format.clock($0))" } ?? "ETA –"
            status("[\(index)/\(total)] \(workload): \(run.label) · \(Format.clock(elapsed)) elapsed · \(etaText)")
        case .runFinished(let workload, let result, _, _):
            clearLine()
            let figures = result.succeeded
                ? String(format: "%8.0f pages/s  %6.3f CPU s/1k  %7.1f MiB  %5d threads  edges %@",
                         result.pagesPerSecond, result.cpuSecondsPer1000Pages, Double(result.peakRSSBytes) / 1_048_576,
                         result.peakThreads, String(result.edgeSetSHA256.prefix(12)))
                : "FAILED: \(result.failure ?? "")"
            print("  \(workload) \(result.run.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(figures)")
            // stdout is block-buffered when piped to a file or `tee`: flush so
            // each result shows as it lands.
            fflush(nil)
        }
    }

    func finish() { clearLine() }

    private func status(_ text: String) {
        guard enabled else { return }
        if live {
            lineShown.withLock { $0 = true }
            Terminal.writeError("\r\u{1B}[K" + text)
        } else {
            Terminal.writeError(text + "\n")
        }
    }

    private func clearLine() {
        let shown = lineShown.withLock { shown in
            defer { shown = false }
            return shown
        }
        if shown { Terminal.writeError("\r\u{1B}[K") }
    }
}

/// The command line as a user would type it again.
enum CommandText {
    static func reproducing(_ arguments: [String]) -> String {
        (["trawl"] + arguments.dropFirst()).map(quoted).joined(separator: " ")
    }

    /// Single-quotes a word the shell would split or expand.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./,:=@%+".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
