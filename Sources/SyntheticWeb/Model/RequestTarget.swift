/// Normalization of what a client sends: the `Host` header and the request
/// target. Kept lenient where servers usually are (case, port, escaped
/// unreserved characters) so a request is judged by what it names.
enum RequestTarget {
    /// `H0.Trawl.Test:8080` → `h0.trawl.test`; `[::1]:80` → `[::1]`.
    static func hostName(_ header: Substring) -> String {
        // Fast path (every request of a crawl): already a lower-case name.
        if header.utf8.last != UInt8(ascii: "."), header.utf8.allSatisfy(isLowerNameByte) { return String(header) }
        var host = header.trimmingASCIIWhitespace()
        if host.hasPrefix("[") {
            if let close = host.firstIndex(of: "]") { host = host[...close] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        if host.hasSuffix(".") { host = host.dropLast() }
        return String(host).lowercased()
    }

    /// Splits an origin-form (`/p?q`) or absolute-form (`http://h/p?q`)
    /// target into its authority (absolute form only) and its path with query,
    /// decoding percent-escaped unreserved characters (RFC 3986 §6.2.2.2:
    /// `/%70age/3` names `/page/3`) and dropping any fragment.
    static func split(_ target: String) -> (authority: Substring?, path: String) {
        // Fast path (every request of a crawl): origin form, nothing to decode.
        if target.utf8.first == UInt8(ascii: "/"),
            !target.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "#") })
        {
            return (nil, target)
        }
        var rest = Substring(target)
        var authority: Substring?
        if let schemeEnd = rest.firstRange(of: "://"), rest[..<schemeEnd.lowerBound].allSatisfy(\.isLetter) {
            let afterScheme = rest[schemeEnd.upperBound...]
            let pathStart = afterScheme.firstIndex(where: Self.endsAuthority) ?? afterScheme.endIndex
            authority = afterScheme[..<pathStart]
            rest = afterScheme[pathStart...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        if rest.isEmpty || rest.first == "?" { rest = "/" + rest }
        return (authority, decodingUnreserved(rest))
    }

    private static func isLowerNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    private static func endsAuthority(_ character: Character) -> Bool {
        character == "/" || character == "?" || character == "#"
    }

    static func decodingUnreserved(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
                let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2])
            {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    out.append(decoded)
                    i += 3
                    continue
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// The value of one hex digit of a percent-escape, or nil.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
