import Foundation

/// stderr output: errors and warnings name their input; stdout is kept for
/// results (summaries, links) so it can be piped.
enum Terminal {
    static func fail(_ message: String) { writeError("trawl: error: \(message)\n") }
    static func warn(_ message: String) { writeError("trawl: warning: \(message)\n") }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `text` in red when stderr is a terminal (where it is written).
    static func red(_ text: String) -> String {
        stderrIsTerminal ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text
    }
}
