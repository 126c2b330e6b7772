/// An RFC 3986 reference resolver written independently of the module, so
/// the truth is checked against what the rendered hrefs actually mean.
/// Enough of §5.2 for the forms the web writes; no IRIs, no IPv6.
enum ReferenceResolver {
    struct Parts: Equatable {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        var text: String {
            var out = ""
            if let scheme { out += scheme + ":" }
            if let authority { out += "//" + authority }
            out += path
            if let query { out += "?" + query }
            if let fragment { out += "#" + fragment }
            return out
        }
    }

    /// Appendix B: ^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?
    static func parse(_ text: String) -> Parts {
        var rest = Substring(text)
        var parts = Parts(path: "")
        if let hash = rest.firstIndex(of: "#") {
            parts.fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            parts.query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/"), colon != rest.startIndex {
            parts.scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            parts.authority = String(rest[..<end])
            rest = rest[end...]
        }
        parts.path = String(rest)
        return parts
    }

    /// §5.2.2, strict.
    static func resolve(_ reference: String, against base: String) -> Parts {
        let r = parse(reference), b = parse(base)
        var t = Parts(path: "")
        if r.scheme != nil {
            t = r
            t.path = removeDotSegments(r.path)
        } else {
            if r.authority != nil {
                t.authority = r.authority
                t.path = removeDotSegments(r.path)
                t.query = r.query
            } else {
                if r.path.isEmpty {
                    t.path = b.path
                    t.query = r.query ?? b.query
                } else {
                    if r.path.hasPrefix("/") {
                        t.path = removeDotSegments(r.path)
                    } else {
                        t.path = removeDotSegments(merge(base: b, path: r.path))
                    }
                    t.query = r.query
                }
                t.authority = b.authority
            }
            t.scheme = b.scheme
        }
        t.fragment = r.fragment
        return t
    }

    /// §5.2.3
    static func merge(base: Parts, path: String) -> String {
        if base.authority != nil && base.path.isEmpty { return "/" + path }
        guard let slash = base.path.lastIndex(of: "/") else { return path }
        return base.path[...slash] + path
    }

    /// §5.2.4, by segments: "." is dropped, ".." pops (never above the root).
    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        let absolute = path.hasPrefix("/")
        var output = [Substring]()
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst(absolute ? 1 : 0)
        var trailingSlash = false
        for segment in segments {
            trailingSlash = false
            switch segment {
            case ".":
                trailingSlash = true
            case "..":
                if !output.isEmpty { output.removeLast() }
                trailingSlash = true
            default:
                output.append(segment)
            }
        }
        var result = (absolute ? "/" : "") + output.joined(separator: "/")
        if trailingSlash && !result.hasSuffix("/") { result += "/" }
        return result
    }

    /// §6.2.2 syntax-based normalization for http: lower-case scheme and
    /// host, no default port, unreserved escapes decoded, empty path → "/",
    /// fragment dropped. Nil for anything that is not http.
    static func canonicalHTTP(_ parts: Parts) -> String? {
        guard parts.scheme?.lowercased() == "http", var authority = parts.authority?.lowercased() else { return nil }
        if authority.hasSuffix(":80") { authority.removeLast(3) }
        if authority.hasSuffix(":") { authority.removeLast() }
        let path = parts.path.isEmpty ? "/" : decodeUnreserved(parts.path)
        return "http://\(authority)\(path)" + (parts.query.map { "?" + $0 } ?? "")
    }

    static let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)

    static func decodeUnreserved(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent]
            let hex = rest[percent...].dropFirst().prefix(2)
            if hex.count == 2, let value = UInt8(hex, radix: 16), unreserved.contains(Unicode.Scalar(value)) {
                let scalar = Unicode.Scalar(value)
                out.unicodeScalars.append(scalar)
                rest = rest[percent...].dropFirst(3)
            } else {
                out += "%"
                rest = rest[percent...].dropFirst()
            }
        }
        return out + rest
    }

    /// What a browser does to an href before parsing it: strip leading and
    /// trailing ASCII whitespace, remove tabs and newlines inside.
    static func cleanHref(_ href: String) -> String {
        let isSpace: (Character) -> Bool = { " \t\n\r\u{0C}".contains($0) || $0 == "\r\n" }
        let trimmed = href.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return String(String(trimmed).filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
    }
}
