/// The one error type of the module. Every message names the input that
/// caused it (the latency text, the truth file path, the listen address).
public struct SyntheticWebError: Error, CustomStringConvertible, Sendable {
    /// Extensible: new codes are new static members, not a breaking enum case.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let invalidLatency = Code("invalidLatency")
        public static let cannotWriteTruth = Code("cannotWriteTruth")
        public static let cannotListen = Code("cannotListen")
        /// `--docroot` names no directory, or one too big to serve.
        public static let badDocroot = Code("badDocroot")
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String {
        guard let underlying else { return message }
        return "\(message): \(underlying)"
    }
}
