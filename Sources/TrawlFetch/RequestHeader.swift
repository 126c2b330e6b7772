/// One header line sent with every request (`--header 'Name: value'`):
/// checked here, so that what reaches libcurl's CURLOPT_HTTPHEADER can
/// neither split into two headers nor take over one trawl must set itself.
public struct RequestHeader: Sendable, Codable, Equatable {
    public var name: String
    public var value: String

    /// Headers per crawl at most, and bytes per header line: far more than
    /// any site asks for, low enough that no request grows unbounded.
    public static let maxCount = 64
    public static let maxLineBytes = 8192

    /// Names trawl sets itself, each refused with what to use instead.
    /// Host: the URL's host decides it, per request; one fixed Host for a
    /// crawl of many hosts would mislabel every other host's requests
    /// (--connect-to sends a host to another address and keeps its Host).
    /// User-Agent: robots.txt is matched against --user-agent, so a second
    /// spelling would obey one agent's rules while sending another's name.
    /// Accept-Encoding: libcurl decodes only what it offered. Content-Length
    /// and Transfer-Encoding: a GET has no body, and a wrong framing header
    /// desynchronizes a reused connection.
    static let reserved: [String: String] = [
        "host": "the URL's host sets it for each request (--connect-to reroutes a host and keeps its Host)",
        "user-agent": "use --user-agent, which robots.txt rules are matched against",
        "accept-encoding": "trawl offers every encoding its libcurl decodes",
        "content-length": "a GET has no body",
        "transfer-encoding": "a GET has no body",
    ]

    /// Parses `Name: value`. Throws the reason it cannot be sent, worded for
    /// the user.
    public init(parsing line: String) throws(FetchError) {
        func refuse(_ reason: String) -> FetchError {
            FetchError(code: .other, url: "", message: reason)
        }
        guard line.utf8.count <= Self.maxLineBytes else {
            throw refuse("is \(line.utf8.count) bytes; a header line may have at most \(Self.maxLineBytes)")
        }
        guard let colon = line.firstIndex(of: ":") else { throw refuse("is not 'Name: value' (no colon)") }
        let name = String(line[..<colon])
        guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else {
            throw refuse("has no valid name before the colon (letters, digits and !#$%&'*+-.^_`|~ only, no spaces)")
        }
        let value = String(decoding: line[line.index(after: colon)...].utf8.trimmingHTTPWhitespace(), as: UTF8.self)
        guard !value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) else {
            throw refuse("has a line break or NUL in its value")
        }
        // libcurl reads "Name:" with nothing after it as "remove the header".
        guard !value.isEmpty else { throw refuse("has an empty value") }
        if let reason = Self.reserved[name.lowercased()] {
            throw refuse("sets \(name), which trawl does not let a header replace: \(reason)")
        }
        self.name = name
        self.value = value
    }

    /// As CURLOPT_HTTPHEADER takes it.
    public var line: String { "\(name): \(value)" }

    /// Whether the value is likely a secret (a credential, session or key)
    /// that a record of the crawl must not repeat: judged by the name.
    public var isCredential: Bool {
        let lowered = name.lowercased()
        return ["authorization", "cookie", "auth", "token", "secret", "key", "session", "password"]
            .contains { lowered.contains($0) }
    }

    /// RFC 9110 §5.6.2 tchar.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
