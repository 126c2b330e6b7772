/// Pulls `<base href>` and `<a href>` values out of the web's own HTML.
/// The web writes double-quoted attributes with no quote inside, so a scan
/// for the exact markup is enough (and independent of the renderer's code).
enum LinkScanner {
    static func base(in html: String) -> String? {
        values(after: "<base href=\"", in: html).first
    }

    static func hrefs(in html: String) -> [String] {
        values(after: "<a href=\"", in: html)
    }

    static func values(after marker: String, in html: String) -> [String] {
        var found = [String]()
        var rest = Substring(html)
        while let start = rest.firstRange(of: marker) {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            found.append(String(rest[..<end]))
            rest = rest[end...]
        }
        return found
    }

    static func title(in html: String) -> String? {
        guard let start = html.firstRange(of: "<title>"), let end = html.firstRange(of: "</title>") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }
}
