/// The one error type of TrawlCore: a code callers can switch on, a message
/// that names the bad input (file, line, URL, flag), and the underlying error.
public struct TrawlError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let seedsUnreadable = Code(rawValue: "seeds-unreadable")
        /// The seeds file is binary or not UTF-8.
        public static let seedsNotText = Code(rawValue: "seeds-not-text")
        public static let badSeed = Code(rawValue: "bad-seed")
        public static let noValidSeed = Code(rawValue: "no-valid-seed")
        public static let badOption = Code(rawValue: "bad-option")
        public static let outputUnwritable = Code(rawValue: "output-unwritable")
        public static let writeFailed = Code(rawValue: "write-failed")
        public static let resourceLimit = Code(rawValue: "resource-limit")
        public static let reportUnreadable = Code(rawValue: "report-unreadable")
        /// A crawl's state file (`--resume`) is missing, foreign, corrupt
        /// or does not match the flags given.
        public static let badState = Code(rawValue: "bad-state")
        /// The shared frontier (`--frontier redis://…`) failed in a way
        /// waiting will not mend: Redis refused a command (out of memory,
        /// a script error), or the crawl named is not there.
        public static let frontierFailed = Code(rawValue: "frontier-failed")
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
}
