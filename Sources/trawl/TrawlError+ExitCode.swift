import ArgumentParser
import TrawlCore

extension TrawlError {
    /// The sysexits.h code for a crawl that ends on this error, so a script
    /// can tell a bad command line from bad input, an output folder that
    /// cannot be made from a write that failed mid-crawl. `trawl crawl
    /// --help` and the README list them.
    var exitCode: ExitCode {
        switch code {
        // A --concurrency the file-descriptor limit cannot hold is a flag
        // asking for more than the machine allows: the message names both.
        case .badOption, .resourceLimit: ExitCode(64)                   // EX_USAGE
        case .badSeed, .seedsNotText, .badState: ExitCode(65)          // EX_DATAERR
        case .seedsUnreadable, .noValidSeed, .reportUnreadable: ExitCode(66)  // EX_NOINPUT
        case .workerFailed, .protocolViolation: ExitCode(70)            // EX_SOFTWARE
        case .frontierFailed: ExitCode(69)                              // EX_UNAVAILABLE
        case .outputUnwritable: ExitCode(73)                            // EX_CANTCREAT
        case .writeFailed: ExitCode(74)                                 // EX_IOERR
        default: ExitCode.failure
        }
    }
}
