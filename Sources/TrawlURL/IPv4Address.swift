/// The URL Standard's IPv4 parser and serializer. Browsers accept the
/// inet_aton forms ("0x7f.1", "017700000001", "127.1"), so a crawler that
/// wants to agree with them about which host a link names must too.
enum IPv4Address {
    enum NumberResult {
        case value(UInt64)
        case failure
    }

    /// "IPv4 number parser": decimal, 0x-hex or 0-octal; the empty string
    /// after a radix prefix is 0. Values saturate above 2^32, which is
    /// already out of range for every position.
    static func parseNumber(_ input: ArraySlice<UInt8>) -> NumberResult {
        if input.isEmpty { return .failure }
        var digits = input
        var radix: UInt64 = 10
        if digits.count >= 2, digits[digits.startIndex] == 0x30,
           digits[digits.startIndex + 1] | 0x20 == 0x78 {
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count >= 2, digits[digits.startIndex] == 0x30 {
            radix = 8
            digits = digits.dropFirst()
        }
        var value: UInt64 = 0
        for b in digits {
            let d: UInt64
            switch radix {
            case 16:
                guard b.isASCIIHexDigit else { return .failure }
                d = UInt64(b.hexValue)
            case 8:
                guard b &- 0x30 < 8 else { return .failure }
                d = UInt64(b &- 0x30)
            default:
                guard b.isASCIIDigit else { return .failure }
                d = UInt64(b &- 0x30)
            }
            value = min(value * radix + d, 1 << 40)
        }
        return .value(value)
    }

    /// "IPv4 parser": nil on failure. The caller has already established
    /// that the host ends in a number, so failure here fails the URL.
    static func parse(_ input: ArraySlice<UInt8>) -> UInt32? {
        var parts = input.split(separator: ASCII.period, omittingEmptySubsequences: false)
        if parts.count > 1, parts.last!.isEmpty { parts.removeLast() }
        if parts.count > 4 { return nil }
        var numbers: [UInt64] = []
        numbers.reserveCapacity(4)
        for part in parts {
            guard case .value(let n) = parseNumber(part) else { return nil }
            numbers.append(n)
        }
        for n in numbers.dropLast() where n > 255 { return nil }
        let last = numbers.last!
        let limit: UInt64 = 1 << (8 * UInt64(5 - numbers.count))
        if last >= limit { return nil }
        var address = last
        for (i, n) in numbers.dropLast().enumerated() {
            address += n << (8 * UInt64(3 - i))
        }
        return UInt32(address)
    }

    /// "Ends in a number checker": decides whether a domain must be read as
    /// an IPv4 address (and then fail if it is not a valid one).
    static func endsInANumber(_ input: ArraySlice<UInt8>) -> Bool {
        var end = input.endIndex
        if end > input.startIndex, input[end - 1] == ASCII.period {
            end -= 1
            if end == input.startIndex { return false }
        }
        var start = end
        while start > input.startIndex, input[start - 1] != ASCII.period { start -= 1 }
        let last = input[start..<end]
        if !last.isEmpty, last.allSatisfy({ $0.isASCIIDigit }) { return true }
        if case .value = parseNumber(last) { return true }
        return false
    }

    static func serialize(_ address: UInt32, to out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) {
            ASCII.appendDecimal(Int((address >> UInt32(shift)) & 0xFF), to: &out)
            if shift != 0 { out.append(ASCII.period) }
        }
    }
}
