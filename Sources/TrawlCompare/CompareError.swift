/// The one error type of TrawlCompare: a message that names the bad input
/// (flag, file, run) and, for a child that failed, the log to read.
public struct CompareError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
