import Foundation

/// A web made of exactly the pages a test wrote down.
final class HandWrittenWeb: Sendable {
    let hostNames: [String]
    let hostIndex: [String: Int]
    /// Per host (by index): canonical path with query → page, with its URL
    /// and links already canonical.
    let pages: [[String: HandWrittenPage]]
    /// Canonical URLs in the order given.
    let pageURLs: [String]

    /// Bad or duplicate URLs are programming errors in a test fixture, so
    /// they stop the test with a message that names them.
    init(_ given: [HandWrittenPage]) {
        var hostNames = [String](), hostIndex = [String: Int](), pages = [[String: HandWrittenPage]]()
        var pageURLs = [String]()
        for var page in given {
            guard let url = AbsoluteURL(page.url), url.scheme == "http" else {
                preconditionFailure("HandWrittenPage url \"\(page.url)\" is not an absolute http URL")
            }
            page.url = url.canonical
            let index: Int
            if let known = hostIndex[url.host] {
                index = known
            } else {
                index = hostNames.count
                hostIndex[url.host] = index
                hostNames.append(url.host)
                pages.append([:])
            }
            precondition(pages[index][url.path] == nil, "HandWrittenPage url \"\(page.url)\" is given twice")
            pages[index][url.path] = page
            pageURLs.append(page.url)
        }
        self.hostNames = hostNames
        self.hostIndex = hostIndex
        self.pages = pages
        self.pageURLs = pageURLs
    }

    var pageCount: Int {
        pages.reduce(0) { $0 + $1.values.count { $0.status == 200 } }
    }

    func truthLines() -> [String] {
        var lines = Set<String>()
        for hostPages in pages {
            for page in hostPages.values where page.status == 200 {
                for link in page.links {
                    guard let target = AbsoluteURL(link), hostIndex[target.host] != nil else { continue }
                    lines.insert(Self.csvField(page.url) + "," + Self.csvField(target.canonical))
                }
            }
        }
        return Array(lines)
    }

    /// An edges.csv field: RFC 4180 quoting when it holds a comma, quote or
    /// line break, as the crawler writes it.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    func response(host: Int, path: String) -> SyntheticResponse {
        guard let page = pages[host][path] else { return .notFound() }
        switch page.status {
        case 200:
            return .html(Self.render(page), latency: page.latency)
        case 300..<400:
            return .redirect(page.status, to: page.location ?? "/", latency: page.latency)
        default:
            return .plain(page.status, "status \(page.status)\n", latency: page.latency)
        }
    }

    /// Links are written as given; only `&`, `<` and `"` are escaped, so an
    /// HTML parser hands back exactly the given string.
    static func render(_ page: HandWrittenPage) -> [UInt8] {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<title>\(escaped(page.url))</title>\n</head>\n<body>\n<ul>\n"
        for link in page.links {
            html += "<li><a href=\"\(escaped(link))\">\(escaped(link))</a></li>\n"
        }
        html += "</ul>\n</body>\n</html>\n"
        return Array(html.utf8)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
