import Foundation
import Testing
@testable import SyntheticWeb

/// `trawl serve --docroot`: a directory of static files as virtual hosts.
/// What a static server answers (types, index.html, the slash redirect,
/// 404s), and that no request reaches outside the directory.
@Suite(.timeLimit(.minutes(1)))
struct DocrootTests {
    /// The committed fixture site (Tests/Fixtures/docroot-site).
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Fixtures/docroot-site").standardized.path

    static let web: SyntheticWeb = {
        SyntheticWeb(docroot: try! DocrootTree(path: fixture), hosts: 3, latency: .fixed(.milliseconds(7)))
    }()

    private func get(_ path: String, host: String = "h1.trawl.test") -> SyntheticResponse {
        Self.web.response(host: host, path: path)
    }

    @Test func everyHostServesTheSameTree() {
        #expect(Self.web.hostNames == ["h0.trawl.test", "h1.trawl.test", "h2.trawl.test"])
        #expect(Self.web.seedURLs == ["http://h0.trawl.test/", "http://h1.trawl.test/", "http://h2.trawl.test/"])
        #expect(Self.web.pageCount == 3 * 6)
        #expect(!Self.web.hasTruth && Self.web.truthEdges().isEmpty)
        let index = try! Data(contentsOf: URL(fileURLWithPath: Self.fixture + "/index.html"))
        for host in Self.web.hostNames {
            #expect(get("/", host: host).body == Array(index))
        }
        #expect(get("/", host: "h3.trawl.test").status == 404)
    }

    @Test(arguments: [
        ("/index.html", "text/html"), ("/style.css", "text/css"), ("/img/logo.png", "image/png"),
        ("/docs/api/ref.html", "text/html"), ("/docs/my%20notes.html", "text/html"),
    ])
    func filesAreServedWithTheirType(path: String, type: String) {
        let response = get(path)
        #expect(response.status == 200)
        #expect(response.header("content-type") == type)
        #expect(response.latency == .milliseconds(7))
        let file = Self.fixture + "/" + path.dropFirst().replacingOccurrences(of: "%20", with: " ")
        #expect(response.body == Array(try! Data(contentsOf: URL(fileURLWithPath: file))))
    }

    @Test func aDirectoryServesItsIndexAndGetsItsSlash() {
        #expect(get("/docs/").status == 200)
        #expect(get("/docs/").body == get("/docs/index.html").body)
        let redirect = get("/docs")
        #expect(redirect.status == 301)
        #expect(redirect.header("location") == "/docs/")
        #expect(get("/docs?q=1").header("location") == "/docs/?q=1")
        // No index.html, no listing.
        #expect(get("/docs/api/").status == 404)
        #expect(get("/docs/api").status == 301)
        // A file is not a directory.
        #expect(get("/index.html/").status == 404)
        #expect(get("/index.html?x=1").status == 200)
        #expect(get("//docs//guide.html").status == 200)
    }

    @Test(arguments: [
        "/../index.html", "/docs/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
        "/docs/..%2f..%2fetc%2fpasswd", "/docs/%2e/guide.html", "/index.html%00.png", "/%ff.html",
        "/docs%2fguide.html", "/nope.html", "/img/", "/docs/api/missing.html", "/%zz", "relative.html",
    ])
    func anythingElseIsA404(path: String) {
        #expect(get(path).status == 404, "\(path)")
    }

    /// Symlinks to files inside the tree are served; to anything outside,
    /// to a directory, or to nothing, they are 404s.
    @Test func symlinksOnlyLeadInside() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docroot-\(UUID().uuidString)").path
        let outside = root + "-outside.html"
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: outside)
        }
        try "inside".write(toFile: root + "/real.html", atomically: true, encoding: .utf8)
        try "secret".write(toFile: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/alias.html", withDestinationPath: "real.html")
        try FileManager.default.createSymbolicLink(atPath: root + "/out.html", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: root + "/etc", withDestinationPath: "/etc")
        try FileManager.default.createSymbolicLink(atPath: root + "/subdir", withDestinationPath: "sub")
        try FileManager.default.createSymbolicLink(atPath: root + "/dangling.html", withDestinationPath: "gone.html")
        let web = SyntheticWeb(docroot: try DocrootTree(path: root), hosts: 1)
        #expect(web.response(host: "h0.trawl.test", path: "/alias.html").bodyText == "inside")
        for path in ["/out.html", "/etc/passwd", "/etc/", "/subdir/", "/dangling.html"] {
            #expect(web.response(host: "h0.trawl.test", path: path).status == 404, "\(path)")
        }
    }

    @Test func aBadOrOversizedDocrootIsRefusedNamingIt() throws {
        #expect(throws: SyntheticWebError.self) { try DocrootTree(path: "/no/such/dir") }
        #expect(throws: SyntheticWebError.self) { try DocrootTree(path: Self.fixture + "/index.html") }
        var limits = DocrootTree.Limits()
        limits.maxFiles = 3
        do {
            _ = try DocrootTree(path: Self.fixture, limits: limits)
            Issue.record("a tree of 9 files loaded under a 3-file limit")
        } catch {
            #expect(error.description == "--docroot '\(Self.fixture)' holds more than 3 files")
        }
    }

    @Test func theServerSendsLengthsAndKeepsConnectionsAlive() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                let css = try connection.get("/style.css", host: "h0.trawl.test")
                #expect(css.status == 200)
                #expect(css.headers["content-type"] == "text/css")
                #expect(css.headers["content-length"] == String(css.body.count))
                let missing = try connection.get("/../etc/passwd", host: "h0.trawl.test")
                #expect(missing.status == 404)
                let page = try connection.get("/docs/", host: "h2.trawl.test")
                #expect(page.status == 200 && page.text.contains("<title>Docs</title>"))
            }
        }
    }
}
