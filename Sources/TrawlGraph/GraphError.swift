/// The one error type of TrawlGraph: a code callers can switch on, a message
/// that names the bad input (folder, file, line), and the underlying error.
public struct GraphError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// nodes.csv or edges-ids.csv is not in the folder: not a finished crawl.
        public static let missingFile = Code(rawValue: "missing-file")
        /// The file is there but cannot be read (permissions, a directory).
        public static let unreadableFile = Code(rawValue: "unreadable-file")
        /// A line that is not RFC 4180 CSV, or not what the crawl writes.
        public static let malformedLine = Code(rawValue: "malformed-line")
        /// PageRank's power iteration did not settle within its budget.
        public static let notConverged = Code(rawValue: "not-converged")
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        guard let underlying else { return message }
        return "\(message): \(underlying)"
    }

    /// A malformed line, named as `file line N: problem`.
    static func malformed(_ file: String, line: Int, _ problem: String) -> GraphError {
        GraphError(.malformedLine, "\(file) line \(line): \(problem)")
    }
}
