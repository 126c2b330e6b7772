import Testing
import TrawlFetch

/// What both fetchers must do alike, run against each: the event-loop
/// fetcher awaited from a task, and the blocking one on an OS thread. Each
/// fetcher's own behaviour (cancellation, connection reuse across threads)
/// stays in its own suite; `BlockingFetcherTests.sameOutcomeAsCurlMultiFetcher`
/// compares the two outcome by outcome over more routes.
struct FetcherConformanceTests {
    /// Fetches `paths` of a fresh fixture server in order, with one
    /// fetcher of `kind` configured by `adjust`, then runs `check`.
    private func fetching(
        _ paths: [String], with kind: FetcherKind,
        _ adjust: (inout FetchConfiguration, FixtureServer) -> Void = { _, _ in },
        _ check: ([Result<FetchResponse, FetchError>], FixtureServer) throws -> Void
    ) async throws {
        try await FixtureServer.withServer(configuredBy: adjust) { configuration, server in
            let urls = paths.map { $0.hasPrefix("http:") ? $0 : server.url($0) }
            try check(try await kind.fetch(configuration, urls), server)
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func fetchesBodyStatusAndContentType(_ kind: FetcherKind) async throws {
        try await fetching(["/ok"], with: kind) { results, server in
            let response = try results[0].get()
            #expect(response.status == 200)
            #expect(response.body == Array(FixtureServer.okBody.utf8))
            #expect(response.contentType == "text/html; charset=utf-8")
            #expect(response.url == server.url("/ok"))
            #expect(response.finalURL == server.url("/ok"))
            #expect(response.redirectCount == 0)
            #expect(response.httpVersion == "1.1")
            #expect(response.header("content-length") == "\(FixtureServer.okBody.utf8.count)")
            #expect(response.timings.total > .zero)
            #expect(response.timings.firstByte <= response.timings.total)
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func errorStatusIsAResponseNotAnError(_ kind: FetcherKind) async throws {
        try await fetching(["/status/404"], with: kind) { results, _ in
            let response = try results[0].get()
            #expect(response.status == 404)
            #expect(response.body == Array("status 404".utf8))
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func followsRedirectChains(_ kind: FetcherKind) async throws {
        try await fetching(["/redirect/3"], with: kind) { results, server in
            let response = try results[0].get()
            #expect(response.status == 200)
            #expect(response.url == server.url("/redirect/3"))
            #expect(response.finalURL == server.url("/ok"))
            #expect(response.redirectCount == 3)
            #expect(response.body == Array(FixtureServer.okBody.utf8))
        }
    }

    @Test(arguments: FetcherKind.allCases, ["/big", "/big-chunked"])
    func bodyOverTheCapIsTooLarge(_ kind: FetcherKind, path: String) async throws {
        try await fetching([path, "/ok"], with: kind, { configuration, _ in configuration.maxBodyBytes = 1 << 20 }) {
            results, server in
            #expect(results[0].fetchError?.code == .tooLarge)
            #expect(results[0].fetchError?.url == server.url(path))
            // The fetcher, and the handle that aborted, keep working.
            #expect((try? results[1].get())?.status == 200)
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func slowResponseTimesOut(_ kind: FetcherKind) async throws {
        let start = ContinuousClock.now
        try await fetching(["/slow/15000"], with: kind, { configuration, _ in configuration.timeout = .milliseconds(300) }) {
            results, _ in
            #expect(results[0].fetchError?.code == .timeout)
        }
        // Well under the 15 s the server would take; generous because the
        // suite may run beside other work on two cores.
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test(arguments: FetcherKind.allCases)
    func unknownHostIsDNS(_ kind: FetcherKind) async throws {
        try await fetching(["http://no-such-host.invalid/"], with: kind) { results, _ in
            #expect(results[0].fetchError?.code == .dns)
            #expect(results[0].fetchError?.description.contains("http://no-such-host.invalid/") == true)
        }
    }
}
