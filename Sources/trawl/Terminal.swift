import TrawlFetch
import Foundation

/// stderr output: errors and warnings name their input; stdout is kept for
/// results (summaries, links) so it can be piped.
enum Terminal {
    static func fail(_ message: String) { writeError("trawl: error: \(message)\n") }
    static func warn(_ message: String) { writeError("trawl: warning: \(message)\n") }

    /// Writes `text` to stderr with write(2), whole or, when stderr is
    /// closed or its reader has gone (EBADF, EPIPE), not at all: a message
    /// nobody can read is no reason to stop a crawl before its exports are
    /// written. (FileHandle's write traps on such errors.)
    static func writeError(_ text: String) { write(text, to: STDERR_FILENO) }

    /// The same for stdout, unbuffered (a line another program waits for).
    static func writeOutput(_ text: String) { write(text, to: STDOUT_FILENO) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        // A terminal or pipe that refuses the text (closed, full disk) loses
        // only the text.
        text.withUTF8 { bytes in _ = SystemCall.writeAll(descriptor, UnsafeRawBufferPointer(bytes)) }
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// `text` in red when stderr is a terminal (where it is written).
    static func red(_ text: String) -> String {
        stderrIsTerminal ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text
    }
}
