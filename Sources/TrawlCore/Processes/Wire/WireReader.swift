#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the field encodings of the shard protocol from one frame's payload,
/// throwing a `.badFrame` error that names the field and offset on any
/// malformed byte. Never traps, whatever the input.
struct WireReader: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0
    /// What is being read, for error messages ("page", "discover[3]").
    var context: String

    init(_ bytes: UnsafeRawBufferPointer, context: String) {
        self.bytes = bytes
        self.context = context
    }

    var remaining: Int { bytes.count - offset }

    func failure(_ what: String) -> TrawlError {
        TrawlError(.badFrame, "malformed frame: \(what) in \(context) at byte \(offset) of a \(bytes.count)-byte payload")
    }

    mutating func byte(_ field: String) throws(TrawlError) -> UInt8 {
        guard offset < bytes.count else { throw failure("truncated field '\(field)' (needs 1 byte, 0 left)") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool(_ field: String) throws(TrawlError) -> Bool {
        switch try byte(field) {
        case 0: return false
        case 1: return true
        case let other:
            offset -= 1
            throw failure("field '\(field)' is a boolean byte \(other), expected 0 or 1")
        }
    }

    mutating func varint(_ field: String) throws(TrawlError) -> UInt64 {
        let start = offset
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else {
                offset = start
                throw failure("truncated varint '\(field)'")
            }
            let byte = bytes[offset]
            offset += 1
            // The 10th byte holds bit 63 only: anything more overflows 64 bits.
            if shift == 63 && byte > 1 {
                offset = start
                throw failure("varint '\(field)' overflows 64 bits")
            }
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int(_ field: String) throws(TrawlError) -> Int {
        let zigzag = try varint(field)
        let wide = Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
        guard let value = Int(exactly: wide) else { throw failure("integer '\(field)' = \(wide) does not fit Int") }
        return value
    }

    /// An integer that must lie in `range`: a frame names a bad value for
    /// what it is instead of growing a worker to gigabytes (a depth of
    /// Int.max) or trapping on overflow (Int.min).
    mutating func int(_ field: String, in range: ClosedRange<Int>) throws(TrawlError) -> Int {
        let value = try int(field)
        guard range.contains(value) else {
            throw failure("'\(field)' = \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    /// A length or element count: at most `remaining / minimumElementSize`,
    /// so hostile counts cannot make the decoder reserve huge arrays.
    mutating func count(_ field: String, minimumElementSize: Int = 1) throws(TrawlError) -> Int {
        let start = offset
        let value = try varint(field)
        let following = remaining
        guard value <= UInt64(following / max(1, minimumElementSize)) else {
            offset = start
            throw failure("'\(field)' claims \(value) but only \(following) bytes follow it")
        }
        return Int(value)
    }

    mutating func uint64BigEndian(_ field: String) throws(TrawlError) -> UInt64 {
        guard remaining >= 8 else { throw failure("truncated field '\(field)' (needs 8 bytes, \(remaining) left)") }
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
        offset += 8
        return value
    }

    mutating func double(_ field: String) throws(TrawlError) -> Double {
        Double(bitPattern: try uint64BigEndian(field))
    }

    mutating func string(_ field: String) throws(TrawlError) -> String {
        let length = try count(field)
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]).assumingMemoryBound(to: UInt8.self)
        // `String(validating:as:)` is generic and unspecialized (a third of
        // the decode time); the repairing initializer is the fast path.
        // Valid input comes out byte for byte; invalid input cannot, since
        // the result is valid UTF-8.
        var value = String(decoding: utf8, as: UTF8.self)
        let repaired = value.withUTF8 { decoded in
            decoded.count != length || (length > 0 && memcmp(decoded.baseAddress!, utf8.baseAddress!, length) != 0)
        }
        guard !repaired else { throw failure("string '\(field)' is not valid UTF-8") }
        offset += length
        return value
    }

    mutating func data(_ field: String) throws(TrawlError) -> [UInt8] {
        let length = try count(field)
        defer { offset += length }
        return Array(bytes[offset..<(offset + length)])
    }

    /// A presence byte (0 absent, 1 present), then the value if present.
    /// Concrete per type: the generic version went unspecialized.
    mutating func optionalInt(_ field: String) throws(TrawlError) -> Int? {
        try isPresent(field) ? try int(field) : nil
    }

    mutating func optionalString(_ field: String) throws(TrawlError) -> String? {
        try isPresent(field) ? try string(field) : nil
    }

    private mutating func isPresent(_ field: String) throws(TrawlError) -> Bool {
        guard offset < bytes.count else { throw failure("truncated presence byte of '\(field)'") }
        switch bytes[offset] {
        case 0:
            offset += 1
            return false
        case 1:
            offset += 1
            return true
        case let other:
            throw failure("presence byte of '\(field)' is \(other), expected 0 or 1")
        }
    }

    func expectEnd() throws(TrawlError) {
        guard remaining == 0 else { throw failure("\(remaining) unexpected trailing bytes") }
    }
}
