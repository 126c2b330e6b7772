import Foundation

/// Carries a Foundation error across the Sendable boundary as its text:
/// the system's own words ("No such file or directory", "Is a directory")
/// when Foundation wraps a POSIX error, which its generic "The operation
/// could not be completed" hides.
public struct ReadFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ error: any Error) {
        let error = error as NSError
        if let posix = error.userInfo[NSUnderlyingErrorKey] as? POSIXError {
            description = String(cString: strerror(posix.code.rawValue))
        } else if error.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(error.code)) {
            description = String(cString: strerror(code.rawValue))
        } else {
            description = error.localizedDescription
        }
    }
}
