import Synchronization
import Testing
import TrawlFetch

/// Real libcurl on real OS threads against the SwiftNIO fixture server on
/// 127.0.0.1. Every fetch runs on a thread made by `OSThreads`, never on a
/// thread of the cooperative pool.
struct BlockingFetcherTests {
    /// Runs `body` with a fresh fixture server and a fetcher configured by `adjust`.
    private func withFixture<R: Sendable>(
        _ adjust: (inout FetchConfiguration, FixtureServer) -> Void = { _, _ in },
        _ body: (BlockingFetcher, FixtureServer) async throws -> R
    ) async throws -> R {
        try await FixtureServer.withServer(configuredBy: adjust) { configuration, server in
            try await body(try BlockingFetcher(configuration), server)
        }
    }

    /// Fetches `paths` in order on one new thread.
    private func fetch(
        _ fetcher: BlockingFetcher, _ server: FixtureServer, _ paths: String...
    ) async -> [Result<FetchResponse, FetchError>] {
        await OSThreads.one {
            paths.map { fetcher.fetch(server.url($0)) { false } }
        }
    }

    private func error(_ result: Result<FetchResponse, FetchError>) -> FetchError? {
        guard case .failure(let error) = result else { return nil }
        return error
    }

    // MARK: Responses and errors

    /// What a fetch came to, minus timings and curl's wording (which names
    /// elapsed milliseconds): everything the two fetchers must agree on.
    private enum Outcome: Equatable {
        case response(status: Int, finalURL: String, redirects: Int, contentType: String?, headers: [String], body: [UInt8])
        case failure(code: FetchError.Code, url: String, curlCode: Int, status: Int?)

        init(_ result: Result<FetchResponse, FetchError>) {
            switch result {
            case .success(let response):
                self = .response(
                    status: response.status, finalURL: response.finalURL, redirects: response.redirectCount,
                    contentType: response.contentType, headers: response.headers.map { "\($0.name): \($0.value)" },
                    body: response.body)
            case .failure(let error):
                self = .failure(code: error.code, url: error.url, curlCode: error.curlCode, status: error.status)
            }
        }

        /// The status, or the error code.
        var kind: String {
            switch self {
            case .response(let status, _, _, _, _, _): "\(status)"
            case .failure(let code, _, _, _): code.rawValue
            }
        }
    }

    /// Route, and what it must come to with a 512 KiB body cap (and a 400 ms
    /// timeout for the slow route).
    static let parityCases: [(route: String, kind: String)] = [
        ("/ok", "200"), ("/status/404", "404"), ("/redirect/3", "200"), ("/redirect-with-header", "200"),
        ("/loop", "too-many-redirects"), ("/to-ftp", "unsupported-scheme"), ("/big", "too-large"),
        ("/big-chunked", "too-large"), ("/gzip", "200"), ("/gzip-bomb", "too-large"),
        ("/slow/15000", "timeout"), ("closed-port", "connect"), ("unknown-host", "dns"),
    ]

    @Test(arguments: parityCases)
    func sameOutcomeAsCurlMultiFetcher(route: String, kind: String) async throws {
        try await FixtureServer.withServer(configuredBy: { configuration, _ in
            // Short only where a timeout is the point: a redirect loop on a
            // machine busy with parallel tests can take longer than 400 ms.
            configuration.timeout = route.hasPrefix("/slow/") ? .milliseconds(400) : .seconds(10)
            configuration.maxBodyBytes = 512 << 10
        }) { configuration, server in
            let url = switch route {
            case "closed-port": "http://127.0.0.1:1/"
            case "unknown-host": "http://no-such-host.invalid/"
            default: server.url(route)
            }
            let blocking = try BlockingFetcher(configuration)
            let onThread = Outcome(await OSThreads.one { blocking.fetch(url) { false } })
            let onLoop = try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                do {
                    return Outcome(.success(try await fetcher.fetch(url)))
                } catch let error as FetchError {
                    return Outcome(.failure(error))
                }
            }
            #expect(onThread == onLoop)
            #expect(onThread.kind == kind)
        }
    }

    // MARK: Connections

    @Test func threadsReuseConnections() async throws {
        try await withFixture { fetcher, server in
            let statuses = await OSThreads.run(8) { _ in
                (0..<25).map { _ in (try? fetcher.fetch(server.url("/ok")) { false }.get())?.status }
            }
            #expect(statuses.joined().allSatisfy { $0 == 200 })
            // At most one connection per thread, however the threads interleave.
            #expect((1...8).contains(server.connectionCount))
        }
    }

    @Test func idleConnectionsServeOtherThreads() async throws {
        try await withFixture { fetcher, server in
            // Eight overlapping transfers: eight connections, all idle afterwards.
            let line = StartLine(8)
            let first = await OSThreads.run(8) { _ in
                line.wait()
                return (try? fetcher.fetch(server.url("/slow/500")) { false }.get())?.status
            }
            #expect(first == Array(repeating: 200, count: 8))
            #expect(server.connectionCount == 8)
            // New threads: only the fetcher's idle handles can hand them
            // those connections, and all eight were kept.
            let statuses = await OSThreads.run(8) { _ in
                (0..<25).map { _ in (try? fetcher.fetch(server.url("/ok")) { false }.get())?.status }
            }
            #expect(statuses.joined().allSatisfy { $0 == 200 })
            #expect(server.connectionCount == 8)
        }
    }

    @Test func maxConnectionsBoundsTheIdleConnectionsKept() async throws {
        try await withFixture({ configuration, _ in configuration.maxConnections = 3 }) { fetcher, server in
            let line = StartLine(8)
            let statuses = await OSThreads.run(8) { _ in
                line.wait()
                return (try? fetcher.fetch(server.url("/slow/500")) { false }.get())?.status
            }
            #expect(statuses == Array(repeating: 200, count: 8))
            #expect(server.connectionCount == 8)
            // The server learns of curl's closes asynchronously.
            let deadline = ContinuousClock.now + .seconds(2)
            while server.openConnectionCount > 3, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            // Three idle handles kept, each with its connection.
            #expect(server.openConnectionCount == 3)
        }
    }

    @Test func sixtyFourThreadsFetchAtOnce() async throws {
        try await withFixture { fetcher, server in
            let start = ContinuousClock.now
            let line = StartLine(64)
            let bodies = await OSThreads.run(64) { index in
                line.wait()
                guard case .success(let response) = fetcher.fetch(server.url("/echo/t\(index)"), isCancelled: { false }),
                      response.status == 200 else { return "failed" }
                return String(decoding: response.body, as: UTF8.self)
            }
            #expect(bodies == (0..<64).map { "t\($0)" })
            #expect(server.connectionCount <= 64)
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    /// Connections closed by the server (announced, or silently while idle)
    /// and fewer idle handles kept than threads, so handles are evicted and
    /// libcurl prunes dead connections and retries on fresh ones while other
    /// threads fetch.
    @Test func connectionReuseSurvivesConnectionChurn() async throws {
        try await withFixture({ configuration, _ in configuration.maxConnections = 4 }) { fetcher, server in
            let routes = ["/ok", "/close", "/drop", "/status/500", "/redirect/1"]
            let failures = await OSThreads.run(16) { thread in
                var failures: [String] = []
                for request in 0..<40 {
                    let route = routes[(thread + request) % routes.count]
                    switch fetcher.fetch(server.url(route), isCancelled: { false }) {
                    case .success(let response) where response.status == (route == "/status/500" ? 500 : 200):
                        break
                    case .success(let response):
                        failures.append("\(route): status \(response.status)")
                    case .failure(let error):
                        failures.append("\(route): \(error)")
                    }
                }
                return failures
            }
            #expect(failures.joined().map { $0 } == [])
        }
    }

    // MARK: Cancellation and lifetime

    @Test func cancellationFromAnotherThreadAbortsTheTransfer() async throws {
        try await withFixture { fetcher, server in
            let flag = Flag()
            async let outcome = OSThreads.one {
                let result = fetcher.fetch(server.url("/slow/10000")) { flag.isSet }
                let returned = ContinuousClock.now
                let next = (try? fetcher.fetch(server.url("/ok")) { false }.get())?.status
                return (result, returned, next)
            }
            try await Task.sleep(for: .milliseconds(100))
            let flipped = ContinuousClock.now
            flag.set()
            let (result, returned, next) = await outcome
            #expect(returned - flipped < .milliseconds(1500))
            #expect(error(result)?.code == .cancelled)
            #expect(error(result)?.url == server.url("/slow/10000"))
            // The fetcher keeps working.
            #expect(next == 200)
        }
    }

    @Test func alreadyCancelledFetchDoesNotConnect() async throws {
        try await withFixture { fetcher, server in
            let result = await OSThreads.one { fetcher.fetch(server.url("/ok")) { true } }
            #expect(error(result)?.code == .cancelled)
            #expect(server.connectionCount == 0)
        }
    }

    /// A connection is reused only for its own origin: two origins on the
    /// same server, fetched alternately by one thread, keep two connections.
    @Test func connectionsAreKeptPerOrigin() async throws {
        try await withFixture { fetcher, server in
            let other = "http://localhost:\(server.port)/ok"
            let statuses = await OSThreads.one {
                (0..<20).map { index in
                    (try? fetcher.fetch(index % 2 == 0 ? server.url("/ok") : other) { false }.get())?.status
                }
            }
            #expect(statuses == Array(repeating: 200, count: 20))
            #expect(server.connectionCount == 2)
        }
    }
}

/// A cancellation flag set on one thread and read on another.
private final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
