import ArgumentParser
import TrawlGraph

extension GraphError {
    /// The sysexits.h code for `trawl graph` ending on this error, as
    /// `TrawlError.exitCode` does for a crawl: missing input from bad input.
    var exitCode: ExitCode {
        switch code {
        case .missingFile, .unreadableFile: ExitCode(66)  // EX_NOINPUT
        case .malformedLine: ExitCode(65)                  // EX_DATAERR
        case .notConverged: ExitCode(70)                   // EX_SOFTWARE
        default: ExitCode.failure
        }
    }
}
