#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// An IPv4 or IPv6 address as a number, the way `AddressGuard` judges it:
/// the address a connection is about to be made to, or one a user named.
/// Equal addresses compare equal however they were written
/// (`"::FFFF:10.0.0.1"` and `"::ffff:a00:1"` are one address); a zone
/// (`fe80::1%eth0`) is not part of the value.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// The 32 bits of an IPv4 address, most significant first
    /// (`10.0.0.1` is `0x0A00_0001`).
    case v4(UInt32)
    /// The 128 bits of an IPv6 address, most significant first.
    case v6(UInt128)

    /// Parses a dotted quad (`169.254.169.254`, exactly four decimal parts)
    /// or an IPv6 address (`fe80::1`, `::ffff:169.254.169.254`), with or
    /// without brackets and with or without a `%zone`. Nil for anything
    /// else, host names included.
    public init?(_ text: String) {
        var literal = Substring(text)
        if literal.hasPrefix("["), literal.hasSuffix("]") {
            literal = literal.dropFirst().dropLast()
        }
        if let percent = literal.firstIndex(of: "%") {
            literal = literal[..<percent]
        }
        guard !literal.isEmpty, literal.utf8.count < 64 else { return nil }
        if !literal.contains(":") {
            var address = in_addr()
            guard inet_pton(AF_INET, String(literal), &address) == 1 else { return nil }
            self = .v4(UInt32(bigEndian: address.s_addr))
        } else {
            var address = in6_addr()
            guard inet_pton(AF_INET6, String(literal), &address) == 1 else { return nil }
            self = .v6(Self.number(address))
        }
    }

    /// The address of a socket address for AF_INET or AF_INET6 that is at
    /// least `length` bytes long; nil for any other family or a short one.
    init?(socketAddress: UnsafeRawPointer, length: Int, family: Int32) {
        switch family {
        case AF_INET where length >= MemoryLayout<sockaddr_in>.size:
            let address = socketAddress.loadUnaligned(as: sockaddr_in.self)
            self = .v4(UInt32(bigEndian: address.sin_addr.s_addr))
        case AF_INET6 where length >= MemoryLayout<sockaddr_in6>.size:
            let address = socketAddress.loadUnaligned(as: sockaddr_in6.self)
            self = .v6(Self.number(address.sin6_addr))
        default:
            return nil
        }
    }

    /// The canonical text: a dotted quad, or RFC 5952 IPv6 as `inet_ntop`
    /// writes it (`fe80::1`, `::ffff:169.254.169.254`).
    public var description: String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch self {
        case .v4(let bits):
            var address = in_addr(s_addr: bits.bigEndian)
            guard inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        case .v6(let bits):
            var address = Self.in6(bits)
            guard inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count)) != nil else { return "?" }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the address lies in `network`/`prefixLength` of its own family.
    func isIn(_ network: IPAddress, _ prefixLength: Int) -> Bool {
        switch (self, network) {
        case (.v4(let bits), .v4(let net)):
            let mask: UInt32 = prefixLength == 0 ? 0 : ~0 << (32 - prefixLength)
            return bits & mask == net & mask
        case (.v6(let bits), .v6(let net)):
            let mask: UInt128 = prefixLength == 0 ? 0 : ~0 << (128 - prefixLength)
            return bits & mask == net & mask
        default:
            return false
        }
    }

    private static func number(_ address: in6_addr) -> UInt128 {
        withUnsafeBytes(of: address) { bytes in
            bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
        }
    }

    private static func in6(_ bits: UInt128) -> in6_addr {
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { bytes in
            for index in 0..<16 {
                bytes[index] = UInt8(truncatingIfNeeded: bits >> (8 * (15 - index)))
            }
        }
        return address
    }
}

/// Encoded as its canonical text, so a configuration's JSON reads as a
/// person would write it.
extension IPAddress: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPAddress(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an IP address: \(text)")
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
