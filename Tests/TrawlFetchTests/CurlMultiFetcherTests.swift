import Synchronization
import Testing
import TrawlFetch

/// Real libcurl against the SwiftNIO fixture server on 127.0.0.1.
struct CurlMultiFetcherTests {
    /// Runs `body` with a fresh fixture server and a fetcher configured by `adjust`.
    private func withFixture<R: Sendable>(
        _ adjust: (inout FetchConfiguration, FixtureServer) -> Void = { _, _ in },
        _ body: (CurlMultiFetcher, FixtureServer) async throws -> R
    ) async throws -> R {
        try await FixtureServer.withServer(configuredBy: adjust) { configuration, server in
            try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                try await body(fetcher, server)
            }
        }
    }

    /// The FetchError `fetch(url)` throws, if it throws one.
    private func fetchError(_ fetcher: CurlMultiFetcher, _ url: String) async -> FetchError? {
        await #expect(throws: FetchError.self) { try await fetcher.fetch(url) }
    }

    @Test func twoHundredConcurrentFetchesAllSucceed() async throws {
        try await withFixture { fetcher, server in
            let bodies = try await withThrowingTaskGroup(of: (Int, FetchResponse).self) { group in
                for index in 0..<200 {
                    group.addTask { (index, try await fetcher.fetch(server.url("/echo/page\(index)"))) }
                }
                var bodies: [Int: String] = [:]
                for try await (index, response) in group {
                    #expect(response.status == 200)
                    bodies[index] = String(decoding: response.body, as: UTF8.self)
                }
                return bodies
            }
            #expect(bodies.count == 200)
            #expect(bodies.allSatisfy { index, body in body == "page\(index)" })
        }
    }

    @Test func withoutFollowingARedirectIsTheResponse() async throws {
        try await withFixture({ configuration, _ in configuration.followRedirects = false }) { fetcher, server in
            let response = try await fetcher.fetch(server.url("/redirect/3"))
            #expect(response.status == 302)
            #expect(response.header("Location") == "/redirect/2")
            #expect(response.finalURL == server.url("/redirect/3"))
            #expect(response.redirectCount == 0)
            #expect(response.body == Array("moved".utf8))
        }
    }

    @Test func keepsOnlyTheFinalResponsesHeaders() async throws {
        try await withFixture { fetcher, server in
            let response = try await fetcher.fetch(server.url("/redirect-with-header"))
            #expect(response.redirectCount == 1)
            #expect(response.headers.filter { $0.name == "X-Trawl" }.map(\.value) == ["one", "two"])
            #expect(response.header("X-Redirect-Only") == nil)
            #expect(response.header("Location") == nil)
            #expect(response.headers.map(\.name) == ["Content-Type", "Content-Length", "X-Trawl", "X-Trawl"])
        }
    }

    @Test func redirectLoopIsTooManyRedirects() async throws {
        try await withFixture { fetcher, server in
            let error = await fetchError(fetcher, server.url("/loop"))
            #expect(error?.code == .tooManyRedirects)
            #expect(error?.url == server.url("/loop"))
        }
    }

    @Test func chainLongerThanMaxRedirectsIsRefused() async throws {
        try await withFixture({ configuration, _ in configuration.maxRedirects = 2 }) { fetcher, server in
            let fetched = try await fetcher.fetch(server.url("/redirect/2"))
            #expect(fetched.redirectCount == 2)
            let error = await fetchError(fetcher, server.url("/redirect/3"))
            #expect(error?.code == .tooManyRedirects)
        }
    }

    @Test func redirectToANonHTTPSchemeIsRefused() async throws {
        try await withFixture { fetcher, server in
            #expect(await fetchError(fetcher, server.url("/to-ftp"))?.code == .unsupportedScheme)
            #expect(await fetchError(fetcher, "ftp://127.0.0.1:\(server.port)/")?.code == .unsupportedScheme)
        }
    }

    @Test func bodyUnderTheCapIsKeptWhole() async throws {
        try await withFixture({ configuration, _ in configuration.maxBodyBytes = FixtureServer.bigSize }) { fetcher, server in
            let response = try await fetcher.fetch(server.url("/big-chunked"))
            #expect(response.body.count == FixtureServer.bigSize)
        }
    }

    @Test func decodesGzip() async throws {
        try await withFixture { fetcher, server in
            let response = try await fetcher.fetch(server.url("/gzip"))
            #expect(String(decoding: response.body, as: UTF8.self) == FixtureServer.gzipPlain)
            #expect(response.header("Content-Encoding") == "gzip")
        }
    }

    @Test func aBodyThatIsNotItsDeclaredEncodingIsBadEncoding() async throws {
        try await withFixture { fetcher, server in
            #expect(await fetchError(fetcher, server.url("/not-gzip"))?.code == .badEncoding)
        }
    }

    @Test func capCountsDecodedBytesSoAGzipBombStops() async throws {
        try await withFixture({ configuration, _ in configuration.maxBodyBytes = 64 << 10 }) { fetcher, server in
            #expect(await fetchError(fetcher, server.url("/gzip-bomb"))?.code == .tooLarge)
        }
        try await withFixture { fetcher, server in
            let fetched = try await fetcher.fetch(server.url("/gzip-bomb"))
            #expect(fetched.body == [UInt8](repeating: 0, count: 1 << 20))
        }
    }

    @Test func closedPortIsConnect() async throws {
        try await withFixture { fetcher, _ in
            #expect(await fetchError(fetcher, "http://127.0.0.1:1/")?.code == .connect)
        }
    }

    @Test func connectToMapsAVirtualHostOntoTheFixture() async throws {
        try await withFixture({ configuration, server in
            configuration.connectTo = ["h1.trawl.test:80:127.0.0.1:\(server.port)"]
        }) { fetcher, _ in
            let response = try await fetcher.fetch("http://h1.trawl.test/headers")
            #expect(response.body == Array("h1.trawl.test".utf8))
            #expect(response.finalURL == "http://h1.trawl.test/headers")
            let redirected = try await fetcher.fetch("http://h1.trawl.test/redirect/2")
            #expect(redirected.finalURL == "http://h1.trawl.test/ok")
        }
    }

    @Test func sequentialFetchesReuseOneConnection() async throws {
        try await withFixture { fetcher, server in
            for _ in 0..<50 {
                let fetched = try await fetcher.fetch(server.url("/ok"))
                #expect(fetched.status == 200)
            }
            #expect(server.connectionCount == 1)
        }
    }

    @Test func cancellingMidTransferThrowsCancellationPromptly() async throws {
        try await withFixture { fetcher, server in
            let task = Task { try await fetcher.fetch(server.url("/slow/10000")) }
            // Mid-transfer: the server holds the connection open.
            #expect(await eventually { server.openConnectionCount == 1 })
            let start = ContinuousClock.now
            task.cancel()
            let result = await task.result
            // Well before the 10 s response: the cancellation ended it.
            #expect(ContinuousClock.now - start < .seconds(5))
            #expect(throws: CancellationError.self) { try result.get() }
            // The fetcher keeps working.
            let fetched = try await fetcher.fetch(server.url("/ok"))
            #expect(fetched.status == 200)
        }
    }

    @Test func cancellingBeforeSubmissionThrowsCancellation() async throws {
        try await withFixture { fetcher, server in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await fetcher.fetch(server.url("/ok"))
            }
            await #expect(throws: CancellationError.self) { try await task.value }
            let fetched = try await fetcher.fetch(server.url("/ok"))
            #expect(fetched.status == 200)
        }
    }

    @Test func cancellingAfterCompletionKeepsTheResponse() async throws {
        try await withFixture { fetcher, server in
            let task = Task { try await fetcher.fetch(server.url("/ok")) }
            let response = try await task.value
            task.cancel()
            #expect(response.status == 200)
        }
    }

    @Test func withFetcherReturnsWhileTransfersAreInFlight() async throws {
        struct Boom: Error {}
        try await FixtureServer.withServer { server in
            let pending = Mutex<Task<FetchResponse, any Error>?>(nil)
            let start = ContinuousClock.now
            await #expect(throws: Boom.self) {
                try await CurlMultiFetcher.withFetcher(FetchConfiguration()) { fetcher in
                    let task = Task { try await fetcher.fetch(server.url("/slow/10000")) }
                    pending.withLock { $0 = task }
                    #expect(await eventually { server.openConnectionCount == 1 })
                    throw Boom()
                }
            }
            #expect(ContinuousClock.now - start < .seconds(5))
            let task = try #require(pending.withLock { $0 })
            let error = await #expect(throws: FetchError.self) { try await task.value }
            #expect(error?.code == .cancelled)
        }
    }

    @Test func fetchAfterShutdownIsCancelled() async throws {
        let escaped = try await CurlMultiFetcher.withFetcher(FetchConfiguration()) { $0 }
        let error = await #expect(throws: FetchError.self) { try await escaped.fetch("http://127.0.0.1:1/") }
        #expect(error?.code == .cancelled)
    }

    @Test func sendsTheConfiguredUserAgent() async throws {
        try await withFixture({ configuration, _ in configuration.userAgent = "trawl-test/1" }) { fetcher, server in
            let response = try await fetcher.fetch(server.url("/user-agent"))
            #expect(response.body == Array("trawl-test/1".utf8))
        }
    }

    @Test func lowSpeedLimitAbortsAStalledTransfer() async throws {
        try await withFixture({ configuration, _ in
            configuration.lowSpeedLimit = .init(bytesPerSecond: 1_000_000, duration: .seconds(1))
        }) { fetcher, server in
            let start = ContinuousClock.now
            #expect(await fetchError(fetcher, server.url("/slow/10000"))?.code == .timeout)
            #expect(ContinuousClock.now - start < .seconds(5))
        }
    }

    @Test func perHostConnectionCapHoldsConcurrentTransfers() async throws {
        try await withFixture({ configuration, _ in configuration.maxConnectionsPerHost = 2 }) { fetcher, server in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask { try await fetcher.fetch(server.url("/slow/20")).status }
                }
                for try await status in group {
                    #expect(status == 200)
                }
            }
            #expect(server.connectionCount == 2)
        }
    }

    @Test func cancellingRandomTransfersIsRaceFree() async throws {
        try await withFixture { fetcher, server in
            let outcomes = await withTaskGroup(of: String.self) { group in
                for index in 0..<300 {
                    let task = Task { try await fetcher.fetch(server.url(index % 6 == 0 ? "/slow/2000" : "/echo/\(index)")) }
                    group.addTask {
                        if index % 2 == 0 {
                            try? await Task.sleep(for: .microseconds(index * 37 % 5000))
                            task.cancel()
                        }
                        switch await task.result {
                        case .success(let response): return response.status == 200 ? "ok" : "bad status"
                        case .failure(is CancellationError): return "cancelled"
                        case .failure(let error): return "unexpected \(error)"
                        }
                    }
                }
                var outcomes: [String: Int] = [:]
                for await outcome in group { outcomes[outcome, default: 0] += 1 }
                return outcomes
            }
            #expect(outcomes["ok", default: 0] + outcomes["cancelled", default: 0] == 300)
            #expect(outcomes["ok", default: 0] >= 150)          // the odd ones are never cancelled
            #expect(outcomes["cancelled", default: 0] >= 50)    // nor do the slow ones finish first
            let fetched = try await fetcher.fetch(server.url("/ok"))
            #expect(fetched.status == 200)
        }
    }
}

/// Whether `condition` holds within `limit`, polled every millisecond: for
/// tests that must reach a state (a transfer in flight) before they act.
func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return true
}
