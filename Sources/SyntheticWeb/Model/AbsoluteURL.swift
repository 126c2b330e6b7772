/// The few parts of an absolute http(s) URL a hand-written web needs, and
/// its canonical spelling: lower-case scheme and host, no default port, no
/// fragment, `/` for an empty path, escaped unreserved characters decoded.
struct AbsoluteURL: Sendable, Hashable {
    var scheme: String
    var host: String
    var port: Int?
    /// Path and query, starting with `/`.
    var path: String

    init?(_ text: String) {
        guard let schemeEnd = text.firstRange(of: "://") else { return nil }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let (authority, path) = RequestTarget.split(text)
        guard let authority, !authority.isEmpty, !authority.contains("@") else { return nil }
        var host = Substring(authority)
        var port: Int?
        // IPv6 literals are not needed by any test web and are not accepted.
        if let colon = authority.lastIndex(of: ":") {
            let digits = authority[authority.index(after: colon)...]
            host = authority[..<colon]
            if !digits.isEmpty {
                guard let number = Int(digits), (0...65535).contains(number) else { return nil }
                port = number == (scheme == "http" ? 80 : 443) ? nil : number
            }
        }
        guard !host.isEmpty, !host.contains("[") else { return nil }
        self.init(scheme: scheme, host: host, port: port, path: path)
    }

    private init(scheme: String, host: Substring, port: Int?, path: String) {
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.path = path
    }

    var canonical: String {
        "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(path)"
    }
}
