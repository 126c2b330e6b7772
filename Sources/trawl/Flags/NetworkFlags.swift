import ArgumentParser
import Foundation
import TrawlFetch

/// What `trawl crawl` adds to its requests and how they reach the web:
/// extra headers, a proxy, a cookie jar, and the addresses never
/// connected to.
struct NetworkFlags: ParsableArguments {
    @Option(name: .customLong("header"), help: ArgumentHelp(
        "Send this header with every request, robots.txt included (repeatable), e.g. 'Accept-Language: de'.",
        discussion: """
            At most \(RequestHeader.maxCount), each at most \(RequestHeader.maxLineBytes) bytes. Refused: a name that is not an \
            HTTP token, a line break in the value, an empty value, and the headers trawl sets itself: Host (each URL's host \
            sets it), User-Agent (use --user-agent, which robots.txt is matched against), Accept-Encoding, Content-Length, \
            Transfer-Encoding. report.json's command repeats each header, with the value of one whose name suggests a \
            secret (Authorization, Cookie, *token*, *key*, …) masked.
            """,
        valueName: "Name: value"))
    var headers: [String] = []

    @Option(help: ArgumentHelp(
        "Send every request through this proxy, e.g. http://proxy:3128 or socks5h://127.0.0.1:1080.",
        discussion: """
            It wins over the environment's proxy variables, no_proxy included (so --no-proxy-env adds nothing to it). \
            report.json's command records it with its password masked.
            """,
        valueName: "url"))
    var proxy: String?

    @Flag(name: .customLong("no-proxy-env"), help: ArgumentHelp(
        "Ignore http_proxy, HTTPS_PROXY and ALL_PROXY: without --proxy, every request goes direct.",
        discussion: "By default libcurl takes a proxy from the environment, as curl does; report.json and the summary then name it."))
    var noProxyEnv = false

    @Option(name: .customLong("cookie-jar"), help: ArgumentHelp(
        "Keep cookies across the crawl's requests, loaded from this Netscape cookie file (if it exists) and written back at the end.",
        discussion: """
            Every transfer of the crawl sends and stores the same cookies (libcurl's cookie engine, shared between its \
            handles). The file is written (mode 0600) when the crawl ends, stopped early or not. Not with --mode processes, \
            whose workers would each keep and write their own jar.
            """,
        valueName: "file"))
    var cookieJar: String?

    @Flag(name: .customLong("deny-private"), help: ArgumentHelp(
        "Also refuse to connect to loopback, private (RFC 1918, CGNAT) and unique-local (fc00::/7) addresses.",
        discussion: "The address actually connected is checked, so neither DNS nor a redirect gets past it. --connect-to targets stay allowed. Refused pages are recorded as address-refused."))
    var denyPrivate = false

    @Flag(name: .customLong("allow-link-local"), help: ArgumentHelp(
        "Allow connecting to link-local addresses (169.254.0.0/16, fe80::/10), which trawl refuses by default.",
        discussion: "No public site lives there; cloud metadata services (169.254.169.254) do."))
    var allowLinkLocal = false

    /// The schemes libcurl 7.88 takes for CURLOPT_PROXY.
    static let proxySchemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    func validate() throws {
        let parsed = try requestHeaders()
        if cookieJar != nil, let cookie = parsed.first(where: { $0.name.lowercased() == "cookie" }) {
            throw ValidationError("--header '\(cookie.name): …' and --cookie-jar both send cookies: put the cookie in the jar file")
        }
        if let proxy { try Self.checkProxy(proxy) }
        if let cookieJar { try Self.checkCookieJar(cookieJar) }
    }

    /// The --header values, parsed; throws naming the first bad one.
    func requestHeaders() throws -> [RequestHeader] {
        guard headers.count <= RequestHeader.maxCount else {
            throw ValidationError("--header given \(headers.count) times; at most \(RequestHeader.maxCount) headers are sent")
        }
        return try headers.map { line in
            do throws(FetchError) {
                return try RequestHeader(parsing: line)
            } catch {
                throw ValidationError("--header '\(Self.printable(line))' \(error.message)")
            }
        }
    }

    static func checkProxy(_ proxy: String) throws {
        let refuse = { (why: String) in
            ValidationError("--proxy '\(Self.printable(ProxyEnvironment.masked(proxy)))' \(why)")
        }
        guard !proxy.contains(where: { $0.isWhitespace || $0 == "\0" }) else { throw refuse("contains white space") }
        guard let components = URLComponents(string: proxy), let scheme = components.scheme?.lowercased(),
              proxy.lowercased().hasPrefix(scheme + "://")
        else { throw refuse("is not a URL like http://proxy:3128") }
        guard proxySchemes.contains(scheme) else {
            throw refuse("has scheme '\(scheme)'; a proxy is \(proxySchemes.sorted().joined(separator: ", "))")
        }
        guard let host = components.host, !host.isEmpty else { throw refuse("names no host") }
        let path = components.path
        guard path.isEmpty || path == "/", components.query == nil, components.fragment == nil else {
            throw refuse("has a path or query; a proxy is scheme://[user:password@]host[:port]")
        }
    }

    /// Refused before the crawl starts, rather than at its end when the
    /// cookies are written: a jar that cannot be read or written.
    static func checkCookieJar(_ path: String) throws {
        guard path != "-" else { throw ValidationError("--cookie-jar needs a file: '-' (standard input) cannot be written back") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else { throw ValidationError("--cookie-jar '\(path)' is a directory") }
            guard manager.isReadableFile(atPath: path), manager.isWritableFile(atPath: path) else {
                throw ValidationError("--cookie-jar '\(path)' cannot be read and written")
            }
        }
        // The jar is replaced by a rename, so its folder must take a new file.
        let folder = (path as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--cookie-jar '\(path)': its folder '\(directory)' does not exist")
        }
        guard manager.isWritableFile(atPath: directory) else {
            throw ValidationError("--cookie-jar '\(path)': its folder '\(directory)' is not writable")
        }
    }

    /// A value as a message may quote it: control characters escaped.
    static func printable(_ text: String) -> String {
        text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }
            .joined()
    }
}
