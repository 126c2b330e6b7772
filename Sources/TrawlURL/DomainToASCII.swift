/// The URL Standard's "domain parser" with beStrict false, for hosts the
/// ASCII fast path in `HostParser` does not take (those with "%" escapes,
/// non-ASCII code points, or forbidden domain code points). Input is the
/// percent-decoded host.
enum DomainToASCII {
    static func convert(_ domain: [UInt8]) -> [UInt8]? {
        let result: [UInt8]
        if domain.allSatisfy({ $0 < 0x80 }) {
            // An ASCII domain is only lower-cased, whatever UTS #46 says of
            // it: hosts such as "xn--8i7caa" (Punycode for a label UTS #46
            // maps) are in use, and the Standard keeps them working
            // (whatwg/url a8d5ca3, 2026). Its labels are not decoded.
            result = domain.map(\.asciiLowercased)
        } else {
            // "UTF-8 decode without BOM": invalid sequences become U+FFFD,
            // which UTS #46 disallows, so the URL fails as it should.
            guard let converted = IDNAToASCII.convert(String(decoding: domain, as: UTF8.self))
            else { return nil }
            result = converted
        }
        if result.isEmpty { return nil }
        for b in result where HostParser.isForbiddenDomainByte(b) { return nil }
        return result
    }
}
