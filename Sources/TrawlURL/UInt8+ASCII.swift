// Byte-level ASCII classification. The parser works on UTF-8 bytes, never
// on Characters: every code point the URL grammar cares about is ASCII, and
// every non-ASCII byte ends up percent-encoded (or handed to IDNA) as a whole.
extension UInt8 {
    @inline(__always) var isASCIIAlpha: Bool { (self | 0x20) &- 0x61 < 26 }
    @inline(__always) var isASCIIDigit: Bool { self &- 0x30 < 10 }
    @inline(__always) var isASCIIAlphanumeric: Bool { isASCIIAlpha || isASCIIDigit }
    @inline(__always) var isASCIIHexDigit: Bool {
        isASCIIDigit || (self | 0x20) &- 0x61 < 6
    }
    @inline(__always) var asciiLowercased: UInt8 {
        self &- 0x41 < 26 ? self | 0x20 : self
    }
    @inline(__always) var asciiUppercased: UInt8 {
        self &- 0x61 < 26 ? self & ~0x20 : self
    }
    /// Value of a hex digit; only meaningful when `isASCIIHexDigit`.
    @inline(__always) var hexValue: UInt8 {
        isASCIIDigit ? self &- 0x30 : (self | 0x20) &- 0x61 &+ 10
    }
}

enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let hash: UInt8 = 0x23
    static let percent: UInt8 = 0x25
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let question: UInt8 = 0x3F
    static let at: UInt8 = 0x40
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D
    static let pipe: UInt8 = 0x7C

    static let upperHex: [UInt8] = Array("0123456789ABCDEF".utf8)
    static let lowerHex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the decimal digits of a non-negative integer.
    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 10 {
            out.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 && count < 10 {
                buf[count] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                out.append(buf[count])
            }
        }
    }
}
