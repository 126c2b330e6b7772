import Foundation

/// A Foundation read error carried across the Sendable boundary as its text,
/// the system's own words when Foundation wraps a POSIX error.
struct FileReadFailure: Error, Sendable, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        let error = error as NSError
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            description = String(cString: strerror(posix.code.rawValue))
        } else {
            description = error.localizedDescription
        }
    }
}
