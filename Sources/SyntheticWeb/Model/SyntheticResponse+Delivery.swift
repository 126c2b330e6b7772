extension SyntheticResponse {
    /// How the server puts a body on the wire. Every case but `.complete`
    /// is a trap of the hostile profile, and each says what the
    /// `content-length` header declares.
    public enum Delivery: Sendable, Hashable {
        /// Declares `body.count` and sends the body.
        case complete
        /// Declares `body.count`, then sends one byte of `body` per
        /// `interval`, the first one interval after the headers. Timers on
        /// the connection's event loop: no thread waits.
        case drip(interval: Duration)
        /// Declares `StreamedBody.length` and generates the body while the
        /// client reads it (`body` is empty): never held whole.
        case streamed(StreamedBody)
        /// Declares `declaredLength` (more than `body.count`), sends `body`,
        /// then closes the connection (FIN).
        case short(declaredLength: Int)
        /// Declares `body.count`, sends its first `afterBytes` bytes, then
        /// resets the connection (RST: SO_LINGER 0, then close).
        case reset(afterBytes: Int)
    }

    /// `prefix`, then `unit` repeated (the last copy cut short), then
    /// `suffix`: `length` bytes in all.
    public struct StreamedBody: Sendable, Hashable {
        public var prefix: [UInt8]
        public var unit: [UInt8]
        public var suffix: [UInt8]
        public var length: Int

        public init(prefix: [UInt8], unit: [UInt8], suffix: [UInt8], length: Int) {
            precondition(!unit.isEmpty && length >= prefix.count + suffix.count, "StreamedBody needs room for its unit")
            self.prefix = prefix
            self.unit = unit
            self.suffix = suffix
            self.length = length
        }

        /// Bytes between prefix and suffix.
        var fillLength: Int { length - prefix.count - suffix.count }
    }

    /// The value of the `content-length` header.
    public var declaredLength: Int {
        switch delivery {
        case .complete, .drip, .reset: return body.count
        case .streamed(let streamed): return streamed.length
        case .short(let declared): return declared
        }
    }
}
