import Foundation
import Testing
@testable import TrawlFetch

/// `--header` and `--cookie-jar` at the fetchers: what a real local server
/// receives, with either fetcher.
@Suite(.timeLimit(.minutes(1)))
struct RequestOptionsTests {
    @Test(arguments: FetcherKind.allCases)
    func headersGoWithEveryRequest(kind: FetcherKind) async throws {
        try await FixtureServer.withServer { configuration, server in
            configuration.headers = [try! RequestHeader(parsing: "X-Trawl-Test: 42"),
                                     try! RequestHeader(parsing: "Accept-Language: de")]
        } _: { configuration, server in
            let results = try await kind.fetch(configuration, [server.url("/header/X-Trawl-Test"),
                                                               server.url("/header/Accept-Language")])
            #expect(try results.map { String(decoding: try $0.get().body, as: UTF8.self) } == ["42", "de"])
        }
    }

    /// The server sets a cookie on one page and requires it on the next;
    /// the jar file holds it at the end.
    @Test(arguments: FetcherKind.allCases)
    func aCookieSetByOnePageGoesWithTheNextAndIsSaved(kind: FetcherKind) async throws {
        let jar = Self.temporaryPath("jar.txt")
        defer { unlink(jar) }
        try await FixtureServer.withServer { configuration, _ in
            configuration.cookieJar = jar
        } _: { configuration, server in
            let statuses = try await Self.fetchAndSave(kind, configuration,
                                                       [server.url("/needs-cookie"), server.url("/set-cookie"), server.url("/needs-cookie")])
            #expect(statuses == [403, 200, 200])
            let saved = try String(contentsOfFile: jar, encoding: .utf8)
            #expect(saved.hasPrefix("# Netscape HTTP Cookie File\n"))
            #expect(saved.contains("\tsession\t\(FixtureServer.cookieValue)\n"), "\(saved)")
            var status = stat()
            #expect(stat(jar, &status) == 0 && status.st_mode & 0o777 == 0o600)
        }
    }

    /// A jar written earlier is loaded before the first request.
    @Test(arguments: FetcherKind.allCases)
    func aSavedJarIsLoadedBeforeTheFirstRequest(kind: FetcherKind) async throws {
        let jar = Self.temporaryPath("jar.txt")
        defer { unlink(jar) }
        try "127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\t\(FixtureServer.cookieValue)\n".write(toFile: jar, atomically: true, encoding: .utf8)
        try await FixtureServer.withServer { configuration, _ in
            configuration.cookieJar = jar
        } _: { configuration, server in
            let statuses = try await Self.fetchAndSave(kind, configuration, [server.url("/needs-cookie")])
            #expect(statuses == [200])
        }
    }

    @Test func withoutAJarNoCookieIsKept() async throws {
        try await FixtureServer.withServer { _, _ in } _: { configuration, server in
            let results = try await FetcherKind.multi.fetch(configuration, [server.url("/set-cookie"), server.url("/needs-cookie")])
            #expect(try results.map { try $0.get().status } == [200, 403])
        }
    }

    @Test func aJarThatCannotBeWrittenIsNamed() async throws {
        let folder = Self.temporaryPath("jar-folder")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = FetchConfiguration()
        // A directory where the file should be: rename(2) cannot replace it.
        configuration.cookieJar = folder
        let fetcher = try BlockingFetcher(configuration)
        #expect(throws: FetchError.self) { try fetcher.cookieJar?.save() }
        do {
            try fetcher.cookieJar?.save()
        } catch {
            #expect(error.message == "cannot write cookie jar '\(folder)': Is a directory")
        }
    }

    /// Fetches `urls` in order with one fetcher of `kind`, saves its jar,
    /// and returns the statuses.
    static func fetchAndSave(_ kind: FetcherKind, _ configuration: FetchConfiguration, _ urls: [String]) async throws -> [Int] {
        switch kind {
        case .multi:
            return try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                var statuses: [Int] = []
                for url in urls { statuses.append(try await fetcher.fetch(url).status) }
                try fetcher.cookieJar?.save()
                return statuses
            }
        case .blocking:
            let fetcher = try BlockingFetcher(configuration)
            let statuses = await OSThreads.one { urls.map { url in (try? fetcher.fetch(url) { false }.get())?.status ?? 0 } }
            try fetcher.cookieJar?.save()
            return statuses
        }
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("trawl-fetch-\(getpid())-\(UUID().uuidString.prefix(6))-\(name)").path
    }
}
