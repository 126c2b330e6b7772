/// The bytes and byte classes that robots.txt parsing and matching look
/// at, RFC 3986's unreserved set among them.
enum RobotsByte {
    // Computed, not stored: a stored static is a lazily initialized global,
    // and reading one per byte made path canonicalization three times slower.
    static var percent: UInt8 { 0x25 }
    static var slash: UInt8 { 0x2F }
    static var question: UInt8 { 0x3F }
    static var star: UInt8 { 0x2A }
    static var dollar: UInt8 { 0x24 }
    static var hash: UInt8 { 0x23 }
    static var apostrophe: UInt8 { 0x27 }
    static var colon: UInt8 { 0x3A }

    /// The upper-case hex digit for a value 0...15.
    static func upperHex(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x37 + value }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// RFC 3986 unreserved: ALPHA / DIGIT / "-" / "." / "_" / "~".
    static func isUnreserved(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
    }

    /// Delimiters that have no role inside a query: ":" "/" "?" "@".
    static func isQueryData(_ byte: UInt8) -> Bool {
        byte == colon || byte == slash || byte == question || byte == 0x40
    }

    /// Neither unreserved nor reserved nor "%": never raw in a URI.
    static func mustBeEncoded(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, 0x7F...0xFF: true
        case 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: true  // " < > \ ^ ` { | }
        default: false
        }
    }

    /// Whitespace inside a robots.txt line (line ends are handled before).
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0B || byte == 0x0C
    }
}
