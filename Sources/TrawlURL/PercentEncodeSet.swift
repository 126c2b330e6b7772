/// One of the URL Standard's percent-encode sets, as a 128-bit mask over
/// ASCII. Every byte >= 0x7F is in every set (the C0 control set includes
/// all code points above U+007E), which is what lets the parser encode UTF-8
/// byte by byte instead of code point by code point.
struct PercentEncodeSet: Sendable {
    private let low: UInt64   // bytes 0x00...0x3F
    private let high: UInt64  // bytes 0x40...0x7F

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    private func adding(_ chars: String) -> PercentEncodeSet {
        var low = self.low, high = self.high
        for b in chars.utf8 {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        return PercentEncodeSet(low: low, high: high)
    }

    @inline(__always) func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte &- 64)) != 0 }
        return true
    }

    /// C0 controls and everything above U+007E (0x7F is DEL, bit 63 of high).
    static let c0Control = PercentEncodeSet(low: 0xFFFF_FFFF, high: 1 << 63)
    static let fragment = c0Control.adding(" \"<>`")
    static let query = c0Control.adding(" \"#<>")
    static let specialQuery = query.adding("'")
    static let path = query.adding("?^`{}")
    static let userinfo = path.adding("/:;=@[\\]|")

    /// Appends `byte`, percent-encoded if it is in this set.
    @inline(__always) func append(_ byte: UInt8, to out: inout [UInt8]) {
        if contains(byte) {
            out.append(ASCII.percent)
            out.append(ASCII.upperHex[Int(byte >> 4)])
            out.append(ASCII.upperHex[Int(byte & 0xF)])
        } else {
            out.append(byte)
        }
    }
}
