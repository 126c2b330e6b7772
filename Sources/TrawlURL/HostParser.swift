/// What kind of host a URL has; kept in the URL so callers can tell a domain
/// from an address without re-parsing the serialization.
enum HostKind: UInt8, Sendable {
    case none, empty, domain, ipv4, ipv6, opaque
}

/// The URL Standard's host parser. It appends the serialized host to `out`
/// and returns its kind, or nil when the host is invalid (the URL fails).
enum HostParser {
    /// Forbidden host code points (ASCII only; see `isForbiddenHostByte`).
    private static let forbiddenHost: (UInt64, UInt64) = {
        var low: UInt64 = 0, high: UInt64 = 0
        for b in [0x00, 0x09, 0x0A, 0x0D, 0x20, 0x23, 0x2F, 0x3A, 0x3C, 0x3E, 0x3F,
                  0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x7C] as [UInt8] {
            if b < 64 { low |= 1 << UInt64(b) } else { high |= 1 << UInt64(b - 64) }
        }
        return (low, high)
    }()

    @inline(__always) static func isForbiddenHostByte(_ b: UInt8) -> Bool {
        if b < 64 { return forbiddenHost.0 & (1 << UInt64(b)) != 0 }
        if b < 128 { return forbiddenHost.1 & (1 << UInt64(b &- 64)) != 0 }
        return false
    }

    /// Forbidden domain code points: forbidden host code points plus C0
    /// controls, "%" and DEL.
    @inline(__always) static func isForbiddenDomainByte(_ b: UInt8) -> Bool {
        b <= 0x1F || b == ASCII.percent || b == 0x7F || isForbiddenHostByte(b)
    }

    static func parse(
        _ input: ArraySlice<UInt8>, isOpaque: Bool, into out: inout [UInt8]
    ) -> HostKind? {
        if input.first == ASCII.leftBracket {
            guard input.count >= 2, input.last == ASCII.rightBracket,
                  let address = IPv6Address.parse(input.dropFirst().dropLast())
            else { return nil }
            out.append(ASCII.leftBracket)
            IPv6Address.serialize(address, to: &out)
            out.append(ASCII.rightBracket)
            return .ipv6
        }
        if isOpaque { return parseOpaque(input, into: &out) }
        if input.isEmpty { return nil }

        // Fast path: write the lower-cased host straight into `out`.
        let start = out.count
        if !appendASCIIFastPath(input, to: &out) {
            out.removeSubrange(start...)
            guard let mapped = DomainToASCII.convert(percentDecode(input)) else { return nil }
            out.append(contentsOf: mapped)
        }
        if IPv4Address.endsInANumber(out[start...]) {
            guard let address = IPv4Address.parse(out[start...]) else { return nil }
            out.removeSubrange(start...)
            IPv4Address.serialize(address, to: &out)
            return .ipv4
        }
        return .domain
    }

    /// The common case: ASCII, no "%". The domain parser then only
    /// lower-cases, even "xn--" labels (see `DomainToASCII`), and checks for
    /// forbidden code points (a forbidden byte, "%" included, sends the
    /// host down the slow path, which decodes escapes and fails for what is
    /// still forbidden).
    private static func appendASCIIFastPath(_ input: ArraySlice<UInt8>, to out: inout [UInt8]) -> Bool {
        out.reserveCapacity(out.count + input.count)
        for b in input {
            if b >= 0x80 || isForbiddenDomainByte(b) { return false }
            out.append(b.asciiLowercased)
        }
        return true
    }

    private static func parseOpaque(_ input: ArraySlice<UInt8>, into out: inout [UInt8]) -> HostKind? {
        for b in input where isForbiddenHostByte(b) { return nil }
        for b in input { PercentEncodeSet.c0Control.append(b, to: &out) }
        return input.isEmpty ? .empty : .opaque
    }

    static func percentDecode(_ input: ArraySlice<UInt8>) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var i = input.startIndex
        while i < input.endIndex {
            let b = input[i]
            if b == ASCII.percent, i + 2 < input.endIndex,
               input[i + 1].isASCIIHexDigit, input[i + 2].isASCIIHexDigit {
                out.append(input[i + 1].hexValue << 4 | input[i + 2].hexValue)
                i += 3
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}
