import TrawlURL

/// One line of a seeds file → a normalized http(s) URL, or the reason it is
/// not one, worded so that the user can fix the line without a URL spec.
enum SeedLine {
    struct Reason: Error, Equatable { var message: String }

    /// A bare host (`example.com/x`, `localhost:8080`) gets `http://`, as
    /// wget and curl do; any scheme but http and https is refused.
    static func parse(_ line: some StringProtocol) -> Result<WebURL, Reason> {
        let candidate = withoutTrailingComment(line)
        let absolute: String
        if let scheme = explicitScheme(candidate) {
            let lowered = scheme.lowercased()
            guard lowered == "http" || lowered == "https" else {
                return .failure(Reason(message: "unsupported scheme '\(scheme)' (only http and https are crawled)"))
            }
            absolute = String(candidate)
        } else {
            absolute = "http://" + candidate
        }
        // The URL parser decides what is valid; `diagnose` only puts its
        // refusal into words.
        guard let url = WebURL(absolute) else {
            return .failure(Reason(message: diagnose(absolute)))
        }
        return .success(url.normalizedForCrawl())
    }

    /// The line up to a `#` that follows white space (a `#` inside a URL is
    /// its fragment), trimmed.
    static func withoutTrailingComment(_ line: some StringProtocol) -> Substring {
        var text = Substring(line)
        var previous: Character = " "
        for index in text.indices {
            if text[index] == "#", previous == " " || previous == "\t" {
                text = text[..<index]
                break
            }
            previous = text[index]
        }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }

    /// The scheme a line names ("ftp" in `ftp://x`, "mailto" in
    /// `mailto:a@b`), or nil when the text before the first colon is a host
    /// (`example.com:8080/x`, `localhost:8080`).
    static func explicitScheme(_ text: Substring) -> Substring? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        // RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        let rest = text[text.index(after: colon)...]
        if rest.hasPrefix("//") { return scheme }
        // A dotted name or a number after the colon reads as host:port.
        if scheme.contains(".") || rest.first?.isNumber == true { return nil }
        return scheme
    }
}
