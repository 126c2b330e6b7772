/// Spelling a link as an href, and its canonical target for the truth.
extension GeneratedLink {
    static let elsewhereHref = "http://elsewhere.example/x"
    static let mailtoHref = "mailto:a@b.c"
    static let javascriptHref = "javascript:void(0)"
    static let fragmentHref = "#top"

    /// The canonical absolute target, or nil when the link leaves the web.
    func canonicalTarget(source: String, hostNames: [String]) -> String? {
        if kind == .selfFragment { return source }
        guard let path = targetPath else { return nil }
        return "http://\(hostNames[Int(host)])\(path)"
    }

    /// The attribute value written into the page.
    ///
    /// - Parameters:
    ///   - sourceHost: the host of the page (and of its `<base>`, if any).
    ///   - directory: the directory relative references resolve against:
    ///     `/` for the root page, `/page/` for `/page/j` or a page whose
    ///     `<base href>` is `http://hK.trawl.test/page/`.
    func href(sourceHost: Int, directory: PageDirectory, hostNames: [String]) -> String {
        guard let path = targetPath else {
            switch kind {
            case .mailto: return Self.mailtoHref
            case .javascript: return Self.javascriptHref
            case .selfFragment: return Self.fragmentHref
            default: return Self.elsewhereHref
            }
        }
        let hostName = hostNames[Int(host)]
        let sameHost = Int(host) == sourceHost
        // Cross-host links only ever get forms that carry an authority.
        let form = sameHost || self.form.worksAcrossHosts ? self.form : .absolute
        switch form {
        case .absolute:
            return "http://\(hostName)\(path)"
        case .rootRelative:
            return path
        case .documentRelative:
            return directory.bareReference(to: path)
        case .dotRelative:
            return directory.dottedReference(to: path, preferParent: variant & 1 == 1)
        case .schemeRelative:
            return "//\(hostName)\(path)"
        case .upperCase:
            return "HTTP://\(hostName.uppercased())\(path)"
        case .defaultPort:
            return "http://\(hostName):80\(path)"
        case .fragment:
            let withFragment = "\(path)#s\(variant % 10)"
            return sameHost && variant & 16 == 0 ? withFragment : "http://\(hostName)\(withFragment)"
        case .percentEncoded:
            let escaped = Self.escapingFirstLetter(of: path, lowerHex: variant & 1 == 1)
            return sameHost ? escaped : "http://\(hostName)\(escaped)"
        case .whitespace:
            let padded = variant & 1 == 0 ? "\n      \(path)\n    " : "  \(path)\t"
            return padded
        }
    }

    /// `/page/3` → `/%70age/3`. The root `/` has no letter to escape and is
    /// written as is: equivalent, just not escaped.
    static func escapingFirstLetter(of path: String, lowerHex: Bool) -> String {
        let bytes = Array(path.utf8)
        guard bytes.count > 1 else { return path }
        let digits = Array((lowerHex ? "0123456789abcdef" : "0123456789ABCDEF").utf8)
        let byte = bytes[1]
        let escaped: [UInt8] = [UInt8(ascii: "/"), UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 15)]]
        return String(decoding: escaped + bytes[2...], as: UTF8.self)
    }
}

/// The two directories a generated page's relative links resolve against.
enum PageDirectory: Sendable {
    case root  // the document is `/`
    case page  // the document is `/page/j`, or its <base> is `/page/`

    /// `page/3`, `missing/4` from `/`; `3`, `../missing/4`, `../` from `/page/`.
    func bareReference(to path: String) -> String {
        switch self {
        case .root:
            return path == "/" ? "./" : String(path.dropFirst())
        case .page:
            if path.hasPrefix("/page/") { return String(path.dropFirst(6)) }
            return "..\(path)"
        }
    }

    /// `./page/3` from `/`; `./3` or `../page/3` from `/page/`.
    func dottedReference(to path: String, preferParent: Bool) -> String {
        switch self {
        case .root:
            return ".\(path)"
        case .page:
            if path.hasPrefix("/page/") && !preferParent { return "./\(path.dropFirst(6))" }
            return "..\(path)"
        }
    }
}
