import Glibc

/// The proxies libcurl takes from the environment, read as libcurl reads
/// them, so that a crawl rerouted through one says so (report.json, the
/// summary line) instead of doing it without a word.
///
/// libcurl 7.88 (lib/url.c, `detect_proxy`): `http_proxy` for http URLs,
/// lower case only (an upper-case `HTTP_PROXY` can be set by a CGI
/// request's `Proxy:` header, so curl ignores it); `https_proxy` or
/// `HTTPS_PROXY` for https; else `all_proxy` or `ALL_PROXY`; `no_proxy` or
/// `NO_PROXY` lists hosts that go direct. Lower case wins where both exist.
public struct ProxyEnvironment: Sendable, Equatable, Codable {
    /// The proxy for http URLs, its password masked.
    public var http: String?
    /// The proxy for https URLs, its password masked.
    public var https: String?
    /// The hosts that bypass them (`no_proxy`), as given.
    public var noProxy: String?

    public init(http: String?, https: String?, noProxy: String?) {
        self.http = http
        self.https = https
        self.noProxy = noProxy
    }

    /// nil when no proxy variable is set.
    public static func current(_ variable: (String) -> String? = Self.environmentVariable) -> ProxyEnvironment? {
        func first(_ names: String...) -> String? {
            names.lazy.compactMap(variable).first { !$0.isEmpty }
        }
        let all = first("all_proxy", "ALL_PROXY")
        let http = first("http_proxy") ?? all
        let https = first("https_proxy", "HTTPS_PROXY") ?? all
        guard http != nil || https != nil else { return nil }
        return ProxyEnvironment(http: http.map(masked), https: https.map(masked), noProxy: first("no_proxy", "NO_PROXY"))
    }

    /// One line for the summary: "http via http://proxy:3128, https via …".
    public var summary: String {
        var parts: [String] = []
        if let http { parts.append("http via \(http)") }
        if let https { parts.append("https via \(https)") }
        if let noProxy { parts.append("except no_proxy \(noProxy)") }
        return parts.joined(separator: ", ")
    }

    public static func environmentVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// `user:secret@host` → `user:****@host`: the proxy is worth recording,
    /// its password is not.
    public static func masked(_ proxy: String) -> String {
        let bytes = Array(proxy.utf8)
        var start = 0
        if let scheme = (0..<max(bytes.count - 2, 0)).first(where: { bytes[$0] == 0x3A && bytes[$0 + 1] == 0x2F && bytes[$0 + 2] == 0x2F }) {
            start = scheme + 3
        }
        let authorityEnd = bytes[start...].firstIndex(of: 0x2F) ?? bytes.count  // "/"
        guard let at = bytes[start..<authorityEnd].lastIndex(of: 0x40),  // "@"
              let colon = bytes[start..<at].firstIndex(of: 0x3A)  // ":"
        else { return proxy }
        return String(decoding: bytes[...colon], as: UTF8.self) + "****" + String(decoding: bytes[at...], as: UTF8.self)
    }
}
