/// A URL parsed by the WHATWG URL Standard's basic URL parser.
///
/// Stored as its serialization plus the offsets of each component (a
/// compact "URL record"), so `href` costs nothing, components are slices,
/// and equality and hashing are those of `href`: two URLs are equal exactly
/// when they serialize the same.
public struct WebURL: Hashable, Sendable, CustomStringConvertible {
    /// Component boundaries within `href` (UTF-8 offsets).
    struct Layout: Sendable {
        var schemeEnd: UInt32        // the ":" after the scheme
        var usernameStart: UInt32
        var usernameEnd: UInt32      // ":" before the password, or "@", or host start
        var passwordEnd: UInt32      // the "@", or == usernameEnd without credentials
        var hostStart: UInt32
        var hostEnd: UInt32
        var pathStart: UInt32
        var queryStart: UInt32       // the "?" if present, else the end of the path
        var fragmentStart: UInt32    // the "#" if present, else the end of the query
        var port: Int32              // -1: none (absent or default)
        var kind: SchemeKind
        var hostKind: HostKind
        var hasOpaquePath: Bool
        var hasQuery: Bool
        var hasFragment: Bool
    }

    /// The serialization.
    public let href: String
    let layout: Layout

    init(href: String, layout: Layout) {
        self.href = href
        self.layout = layout
    }

    /// Parses an absolute URL; nil when the URL Standard says failure.
    public init?(_ string: String) {
        self.init(string, base: nil)
    }

    /// Parses `string` relative to `base` (nil: it must be absolute).
    public init?(_ string: String, base: WebURL?) {
        guard let url = URLParser.parse(string, base: base) else { return nil }
        self = url
    }

    public var description: String { href }

    public static func == (lhs: WebURL, rhs: WebURL) -> Bool { lhs.href == rhs.href }
    public func hash(into hasher: inout Hasher) { hasher.combine(href) }

    // MARK: Components

    func slice(_ start: UInt32, _ end: UInt32) -> String {
        let utf8 = href.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Int(start))
        let to = utf8.index(utf8.startIndex, offsetBy: Int(end))
        return String(href[from..<to])
    }

    var endOffset: UInt32 { UInt32(href.utf8.count) }

    /// The scheme, lower-case, without ":".
    public var scheme: String { slice(0, layout.schemeEnd) }

    public var username: String { slice(layout.usernameStart, layout.usernameEnd) }

    public var password: String {
        layout.passwordEnd > layout.usernameEnd
            ? slice(layout.usernameEnd + 1, layout.passwordEnd) : ""
    }

    /// The serialized host ("[::1]" for IPv6, "" for an empty host such as
    /// file:///x), or nil when the URL has no host.
    public var host: String? {
        layout.hostKind == .none ? nil : slice(layout.hostStart, layout.hostEnd)
    }

    /// The port, nil when absent or the scheme's default.
    public var port: Int? { layout.port < 0 ? nil : Int(layout.port) }

    /// The serialized path (an opaque path as is).
    public var path: String { slice(layout.pathStart, layout.queryStart) }

    /// The query without "?", nil when absent ("" when just "?").
    public var query: String? {
        layout.hasQuery ? slice(layout.queryStart + 1, layout.fragmentStart) : nil
    }

    /// The fragment without "#", nil when absent.
    public var fragment: String? {
        layout.hasFragment ? slice(layout.fragmentStart + 1, endOffset) : nil
    }

    /// True for http and https, the only schemes the crawler fetches.
    public var isHTTP: Bool { layout.kind == .http || layout.kind == .https }

    /// True when the path is opaque ("mailto:x", "data:..."): such a URL
    /// cannot be a base for relative references other than "#fragment".
    public var hasOpaquePath: Bool { layout.hasOpaquePath }
}
