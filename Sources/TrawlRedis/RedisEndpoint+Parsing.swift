extension RedisEndpoint {
    /// Reads an address as a user typed it (see the type's documentation).
    /// Every refusal is a `.badEndpoint` error whose message quotes the
    /// input and `option`, and says what is wrong:
    /// `bad --frontier "redis://h:99999/x": port must be 1–65535`.
    public init(parsing text: String, option: String = "--frontier") throws(RedisError) {
        let parser = EndpointParser(text: text, option: option)
        self = try parser.parse()
    }
}

/// The checks behind `RedisEndpoint(parsing:)`, one refusal each.
private struct EndpointParser {
    let text: String
    let option: String

    static let forms = "expected redis://HOST[:PORT]/NAME or unix:///PATH?crawl=NAME"

    func parse() throws(RedisError) -> RedisEndpoint {
        let lowered = text.lowercased()
        if lowered.hasPrefix("redis://") {
            return try parseTCP(String(text.dropFirst("redis://".count)))
        }
        if lowered.hasPrefix("unix://") {
            return try parseUnix(String(text.dropFirst("unix://".count)))
        }
        if lowered.hasPrefix("rediss://") {
            throw fail("TLS (rediss://) is not supported: hiredis 0.14 has no TLS")
        }
        if let scheme = lowered.range(of: "://") {
            throw fail("unknown scheme \"\(text[..<scheme.lowerBound])://\": \(Self.forms)")
        }
        throw fail(Self.forms)
    }

    // MARK: - redis://HOST[:PORT]/NAME

    private func parseTCP(_ rest: String) throws(RedisError) -> RedisEndpoint {
        guard let slash = rest.firstIndex(of: "/") else {
            if rest.contains("@") { throw fail("a user or password in the address is not supported") }
            throw fail("crawl name is missing: expected redis://HOST[:PORT]/NAME")
        }
        let authority = String(rest[..<slash])
        let name = String(rest[rest.index(after: slash)...])
        if authority.contains("@") { throw fail("a user or password in the address is not supported") }
        let (host, port) = try hostAndPort(authority)
        if let query = name.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            throw fail("unexpected \"\(name[query...])\" after the crawl name")
        }
        return RedisEndpoint(transport: .tcp(host: host, port: port), crawl: try crawlName(name))
    }

    private func hostAndPort(_ authority: String) throws(RedisError) -> (String, Int) {
        let host: String
        let portText: String?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("IPv6 address lacks its closing \"]\"") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.isEmpty {
                portText = nil
            } else if after.hasPrefix(":") {
                portText = String(after.dropFirst())
            } else {
                throw fail("unexpected \"\(after)\" after the IPv6 address")
            }
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw fail("\"\(host)\" is not an IPv6 address")
            }
        } else {
            let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw fail("an IPv6 address needs brackets, as in redis://[::1]:6379/NAME") }
            host = String(parts[0])
            portText = parts.count == 2 ? String(parts[1]) : nil
            guard !host.isEmpty else { throw fail("host is missing") }
            guard host.utf8.allSatisfy({ Self.hostCharacters.contains($0) }) else {
                throw fail("host \"\(host)\" may hold only letters, digits, '.', '-' and '_'")
            }
        }
        guard let portText else { return (host, RedisEndpoint.defaultPort) }
        guard !portText.isEmpty else { throw fail("port is missing after \":\"") }
        guard portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber) else {
            throw fail("port \"\(portText)\" is not a number")
        }
        guard let port = Int(portText), (1...65535).contains(port) else { throw fail("port must be 1–65535") }
        return (host, port)
    }

    private static let hostCharacters = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_".utf8)

    // MARK: - unix:///PATH?crawl=NAME

    private func parseUnix(_ rest: String) throws(RedisError) -> RedisEndpoint {
        guard rest.hasPrefix("/") else { throw fail("the socket path must be absolute: unix:///PATH?crawl=NAME") }
        let path: String
        let query: String?
        if let mark = rest.firstIndex(of: "?") {
            path = String(rest[..<mark])
            query = String(rest[rest.index(after: mark)...])
        } else {
            (path, query) = (rest, nil)
        }
        guard path.count > 1, !path.hasSuffix("/") else { throw fail("the socket path names a folder, not a socket file") }
        let length = path.utf8.count
        guard length <= RedisEndpoint.longestSocketPath else {
            throw fail("the socket path is \(length) bytes long; unix sockets allow at most \(RedisEndpoint.longestSocketPath)")
        }
        guard let query else { throw fail("crawl name is missing: add ?crawl=NAME") }
        var name: String?
        for parameter in query.split(separator: "&", omittingEmptySubsequences: false) {
            guard parameter.hasPrefix("crawl=") else {
                throw fail("unknown parameter \"\(parameter)\" (the only one is crawl=NAME)")
            }
            guard name == nil else { throw fail("crawl= is given twice") }
            name = String(parameter.dropFirst("crawl=".count))
        }
        return RedisEndpoint(transport: .unixSocket(path: path), crawl: try crawlName(name ?? ""))
    }

    // MARK: - Shared

    private func crawlName(_ name: String) throws(RedisError) -> String {
        guard !name.isEmpty else { throw fail("crawl name is missing") }
        let length = name.utf8.count
        guard length <= RedisEndpoint.longestCrawlName else {
            throw fail("crawl name is \(length) characters long; at most \(RedisEndpoint.longestCrawlName)")
        }
        guard name.utf8.allSatisfy({ RedisEndpoint.crawlNameCharacters.contains($0) }) else {
            throw fail("crawl name \"\(name)\" may hold only A–Z, a–z, 0–9, '_', '.' and '-'")
        }
        return name
    }

    private func fail(_ why: String) -> RedisError {
        RedisError(code: .badEndpoint, endpoint: text, message: "bad \(option) \"\(text)\": \(why)")
    }
}
