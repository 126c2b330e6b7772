extension SeedLine {
    /// Why the URL parser refused `url`, an http(s) URL by its scheme: the
    /// part that is wrong (host, IPv6 brackets, port) and how. Called only
    /// after the parser has said no, so it never decides validity; when it
    /// cannot tell which part is wrong it says just "not a valid URL".
    static func diagnose(_ url: String) -> String {
        guard let authority = authority(of: Substring(url)) else { return "not a valid URL" }
        // Credentials end at the last "@" (the URL Standard's rule).
        let hostAndPort = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if hostAndPort.isEmpty { return "no host" }

        let host: Substring
        var port: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else {
                return "unclosed IPv6 address '\(hostAndPort)' (no ']')"
            }
            host = hostAndPort[...close]
            let rest = hostAndPort[hostAndPort.index(after: close)...]
            if rest.first == ":" {
                port = rest.dropFirst()
            } else if !rest.isEmpty {
                return "unexpected '\(rest)' after the IPv6 address \(host)"
            }
        } else if let colon = hostAndPort.firstIndex(of: ":") {
            host = hostAndPort[..<colon]
            port = hostAndPort[hostAndPort.index(after: colon)...]
        } else {
            host = hostAndPort
        }

        if host.isEmpty { return "no host" }
        if !host.hasPrefix("["), let bad = host.first(where: isForbiddenInHost) {
            return "invalid host '\(host)': \(bad == " " ? "a space" : "'\(bad)'") is not allowed in a host name"
        }
        if let port, !port.isEmpty {
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return "invalid port '\(port)': not a number" }
            if port.count > 5 || Int(port)! > 65535 { return "invalid port \(port): ports go up to 65535" }
        }
        if host.hasPrefix("[") { return "invalid IPv6 address \(host)" }
        return "invalid host '\(host)' (not a domain name or an IP address)"
    }

    /// What follows "scheme:" and any slashes, up to the path, query or
    /// fragment; nil without a colon.
    private static func authority(of url: Substring) -> Substring? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let afterScheme = url[url.index(after: colon)...].drop { $0 == "/" || $0 == "\\" }
        return afterScheme.prefix { !"/\\?#".contains($0) }
    }

    /// The URL Standard's forbidden domain code points that can still be in
    /// a host once "/", "\\", "?", "#", "@" and ":" have delimited it ("%"
    /// is left out: a host may be percent-encoded).
    private static func isForbiddenInHost(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        return scalar.value <= 0x20 || scalar.value == 0x7F || "<>[]^|".unicodeScalars.contains(scalar)
    }
}
