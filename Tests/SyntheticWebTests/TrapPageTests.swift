import Foundation
import Testing

@testable import SyntheticWeb

/// The HTML traps: served as declared, and their links in the truth
/// exactly as the URL standard resolves them.
@Suite(.serialized)
struct TrapPageTests {
    static let host = "h1.trawl.test"

    /// The truth's targets for one trap page of h1, as paths.
    static func truthTargets(_ path: String) -> [String] {
        let prefix = "http://\(host)\(path),http://\(host)"
        return Hostile.web.truthEdges().filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func deepPageNests10000DivsAroundALink() async throws {
        try await Hostile.withServer { _, connection in
            let response = try connection.get("/trap/html/deep", host: Self.host)
            #expect(response.status == 200)
            let html = response.text
            #expect(html.components(separatedBy: "<div>").count - 1 == 10_000)
            #expect(html.components(separatedBy: "</div>").count - 1 == 10_000)
            let innermost = try #require(html.firstRange(of: "deep-innermost"))
            #expect(html[..<innermost.lowerBound].components(separatedBy: "<div>").count - 1 == 10_000)
            #expect(
                LinkScanner.hrefs(in: html) == [
                    "/trap/found/deep-before", "/trap/found/deep-innermost", "/trap/found/deep-after",
                ])
        }
        #expect(
            Self.truthTargets("/trap/html/deep") == [
                "/trap/found/deep-after", "/trap/found/deep-before", "/trap/found/deep-innermost",
            ])
    }

    @Test func unclosedPageIsTagSoupWithItsLinksInTheTruth() async throws {
        try await Hostile.withServer { _, connection in
            let html = try connection.get("/trap/html/unclosed", host: Self.host).text
            #expect(!html.contains("</body>") && !html.contains("</html>") && !html.contains("</head>"))
            #expect(html.contains("<a href=/trap/found/unclosed-unquoted>"))
            #expect(html.contains("<a href='/trap/found/unclosed-single-quoted'>"))
            #expect(html.contains("<A HREF=\"/trap/found/unclosed-upper-case\">"))
            #expect(html.hasSuffix("the last link, and nothing is closed\n"))
        }
        let targets = Self.truthTargets("/trap/html/unclosed")
        #expect(targets.count == 7)
        #expect(targets.allSatisfy { $0.hasPrefix("/trap/found/unclosed-") })
        #expect(!Hostile.web.truthEdges().contains { $0.contains("in-comment") || $0.contains("in-script") })
    }

    @Test func oddLinksResolveAsTheURLStandardSays() async throws {
        try await Hostile.withServer { _, connection in
            let html = try connection.get("/trap/html/odd-links", host: Self.host).text
            for href in [
                "/trap/found/with space", "/trap/found/tab\tbed", "/trap/found/amp?a=1&amp;b=2", "", "mailto:",
                "javascript:", "data:text/html", "tel:", "ftp://",
            ] {
                #expect(html.contains("href=\"\(href)"), "\(href)")
            }
            #expect(html.contains("href=\"\n    /trap/found/new\nline\n  \""))
            let long = try #require(LinkScanner.hrefs(in: html).first { $0.hasPrefix("/trap/found/long?") })
            #expect(long.utf8.count > 8 << 10)
            // A request line over 8 KiB is answered.
            #expect(try connection.get(long, host: Self.host).status == 200)
        }
        let long = "/trap/found/long?q=" + TrapPage.longQuery
        #expect(
            Self.truthTargets("/trap/html/odd-links") == [
                "/trap/found/amp?a=1&b=2", long, "/trap/found/newline", "/trap/found/tabbed",
                "/trap/found/with%20space",
                "/trap/html/odd-links",
            ])
    }

    /// Decoded by Foundation, escaped by Foundation: independent of the
    /// module's hand-made bytes and targets.
    @Test(arguments: [
        (
            "/trap/charset/windows-1252", "text/html; charset=windows-1252", String.Encoding.windowsCP1252,
            "/trap/found/café-€-header"
        ),
        ("/trap/charset/no-charset", "text/html", .windowsCP1252, "/trap/found/café-€-default"),
        ("/trap/charset/shift-jis", "text/html", .shiftJIS, "/trap/found/東京-meta"),
    ])
    func nonUTF8PagesHaveEscapedUTF8Targets(path: String, contentType: String, encoding: String.Encoding, href: String)
        async throws
    {
        let body = try await Hostile.withServer { _, connection in
            let response = try connection.get(path, host: Self.host)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == contentType)
            return response.body
        }
        #expect(String(validating: body, as: UTF8.self) == nil, "not UTF-8")
        let text = try #require(String(data: Data(body), encoding: encoding))
        #expect(LinkScanner.hrefs(in: text) == [href])
        #expect(text.contains("<meta charset=\"Shift_JIS\">") == (encoding == .shiftJIS))
        if path.hasSuffix("no-charset") { #expect(!text.lowercased().contains("charset")) }
        let escaped = try #require(href.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed))
        #expect(Self.truthTargets(path) == [escaped])
    }

    @Test func calendarGoesOnAndIsNotInTheTruth() async throws {
        try await Hostile.withServer { server, connection in
            var path = "/trap/calendar/2026/11"
            for _ in 0..<30 {
                let response = try connection.get(path, host: Self.host)
                #expect(response.status == 200)
                let hrefs = LinkScanner.hrefs(in: response.text)
                #expect(hrefs.count == 2)
                path = try #require(hrefs.last)
            }
            #expect(path == "/trap/calendar/2029/05")
            #expect(try connection.get("/trap/calendar/2026/13", host: Self.host).status == 404)
            #expect(try connection.get("/trap/calendar/02026/11", host: Self.host).status == 404)
            #expect(server.stats.trapRequests["http://\(Self.host)/trap/calendar/2026/11"] == 1)
            #expect(server.stats.trapRequests["http://\(Self.host)/trap/calendar/2026/12"] == nil)
        }
        #expect(Self.truthTargets("/trap/calendar/2026/11").isEmpty)
        #expect(!Hostile.web.truthEdges().contains { $0.contains("/trap/calendar/2026/12") })
        let calendar = try #require(Hostile.web.hostileTraps().first { $0.url == "http://\(Self.host)/trap/calendar/" })
        #expect(calendar.match == .prefix && !calendar.linksInTruth && calendar.outcome == nil)
    }

    @Test func trapLinksLandOnPagesWithoutLinks() async throws {
        try await Hostile.withServer { _, connection in
            for path in [
                "/trap/found/deep-innermost", "/trap/found/caf%C3%A9-%E2%82%AC-header", "/trap/found/with%20space",
            ] {
                let response = try connection.get(path, host: Self.host)
                #expect(response.status == 200)
                #expect(LinkScanner.hrefs(in: response.text).isEmpty)
            }
        }
    }
}
