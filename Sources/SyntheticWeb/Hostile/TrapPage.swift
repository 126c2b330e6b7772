/// An HTML page of the hostile profile and the truth about its links.
struct TrapPage: Sendable {
    var contentType = "text/html; charset=utf-8"
    var body: [UInt8]
    /// Canonical path (and query) of every link a correct crawler finds on
    /// the page, distinct, in document order; links leaving the web omitted.
    var targets: [String]

    func response(latency: Duration) -> SyntheticResponse {
        SyntheticResponse(status: 200, headers: [("content-type", contentType)], body: body, latency: latency)
    }

    /// A complete UTF-8 document around `body`.
    static func document(title: String, _ body: String) -> [UInt8] {
        Array(html(head: "<meta charset=\"utf-8\">\n<title>\(title)</title>", body).utf8)
    }

    /// A complete document, as text: the caller encodes it.
    static func html(lang: String = "en", head: String, _ body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"\(lang)\">\n<head>\n\(head)\n</head>\n<body>\n\(body)\n</body>\n</html>\n"
    }

    /// A page without links: where trap links land, and the 200 of a retry.
    static func plain(title: String, text: String) -> TrapPage {
        TrapPage(body: document(title: title, "<h1>\(title)</h1>\n<p>\(text)</p>"), targets: [])
    }

    /// `/private/1`: one link back to the root, so a crawl that ignores
    /// robots.txt shows the edge.
    static let privatePage = TrapPage(
        body: document(
            title: "Private",
            "<h1>Private</h1>\n<p>robots.txt disallows this page.</p>\n<p><a href=\"/\">home</a></p>"),
        targets: ["/"])

    /// A month of the endless calendar: links to the month before and after
    /// (years 1 to 999,999,999: endless for any crawler).
    static func calendar(year: Int, month: Int) -> TrapPage {
        let index = year * 12 + month - 1  // months since January of year 0
        var links = [(label: String, path: String)]()
        if index > 12 { links.append(("previous", calendarPath(index - 1))) }
        if index < 999_999_999 * 12 + 11 { links.append(("next", calendarPath(index + 1))) }
        let name = calendarPath(index).dropFirst(HostileRoute.calendarPrefix.count)
        let anchors = links.map { "<a href=\"\($0.path)\">\($0.label)</a>" }.joined(separator: " ")
        let body = document(title: "Calendar \(name)", "<h1>\(name)</h1>\n<p>\(anchors)</p>")
        return TrapPage(body: body, targets: links.map(\.path))
    }

    private static func calendarPath(_ index: Int) -> String {
        HostileRoute.calendarPath(year: index / 12, month: index % 12 + 1)
    }
}

extension TrapPage {
    /// A page whose one link carries a user name and password: a crawler
    /// must neither send them nor write them anywhere.
    static func credentialsLink(host: String) -> TrapPage {
        let target = HostileRoute.landingPrefix + "credentials"
        let body = document(
            title: "Credentials",
            "<h1>Credentials</h1>\n<p><a href=\"http://alice:s3cret@\(host)\(target)\">inside</a></p>")
        return TrapPage(body: body, targets: [target])
    }
}
