import Testing
import TrawlFetch

/// A transfer that fails after its response began keeps the response's
/// status and the body bytes received (`FetchError.status`,
/// `FetchError.bytesReceived`); one that fails before has neither. Both
/// fetchers, against the fixture server.
struct PartialResponseTests {
    private func failure(
        _ kind: FetcherKind, _ path: String, _ adjust: (inout FetchConfiguration) -> Void = { _ in }
    ) async throws -> FetchError? {
        try await FixtureServer.withServer { server in
            var configuration = FetchConfiguration()
            configuration.timeout = .seconds(10)
            adjust(&configuration)
            return try await kind.fetch(configuration, server.url(path)).fetchError
        }
    }

    @Test(arguments: FetcherKind.allCases)
    func tooLargeByContentLengthKeepsTheStatusAndNoBytes(kind: FetcherKind) async throws {
        let error = try await failure(kind, "/big") { $0.maxBodyBytes = 1 << 20 }
        #expect(error?.code == .tooLarge)
        #expect(error?.status == 200)
        #expect(error?.bytesReceived == 0)
    }

    /// curl hands the body over in pieces of at most 16 KiB
    /// (CURL_MAX_WRITE_SIZE); the piece that would pass the cap is refused
    /// whole, so what was kept is within one piece of the cap.
    @Test(arguments: FetcherKind.allCases)
    func tooLargeMidBodyKeepsWhatWasKept(kind: FetcherKind) async throws {
        let cap = 1 << 20
        let error = try await failure(kind, "/big-chunked") { $0.maxBodyBytes = cap }
        #expect(error?.code == .tooLarge)
        #expect(error?.status == 200)
        let kept = error?.bytesReceived ?? -1
        #expect(kept <= cap && kept > cap - 16 << 10, "kept \(kept)")
    }

    /// Inflating writes whole 16 KiB pieces, so a 64 KiB cap keeps exactly
    /// 64 KiB of the bomb's decoded megabyte.
    @Test(arguments: FetcherKind.allCases)
    func tooLargeDecodedCountsDecodedBytes(kind: FetcherKind) async throws {
        let error = try await failure(kind, "/gzip-bomb") { $0.maxBodyBytes = 64 << 10 }
        #expect(error?.code == .tooLarge)
        #expect(error?.status == 200)
        #expect(error?.bytesReceived == 64 << 10)
    }

    /// The server never finishes, so the test lasts the whole timeout: 3 s,
    /// ample for headers and the first 1,000 bytes on a busy machine.
    @Test(arguments: FetcherKind.allCases)
    func timeoutMidBodyKeepsStatusAndBytes(kind: FetcherKind) async throws {
        let error = try await failure(kind, "/stall/1000") { $0.timeout = .seconds(3) }
        #expect(error?.code == .timeout)
        #expect(error?.status == 200)
        #expect(error?.bytesReceived == 1000)
    }

    @Test(arguments: FetcherKind.allCases)
    func badEncodingKeepsStatusAndBytes(kind: FetcherKind) async throws {
        let garbage = try await failure(kind, "/not-gzip")
        #expect(garbage?.code == .badEncoding)
        #expect(garbage?.status == 200)
        #expect(garbage?.bytesReceived == 0)
        // Every byte inflates; the trailer's checksum then fails.
        let badCheck = try await failure(kind, "/gzip-bad-check")
        #expect(badCheck?.code == .badEncoding)
        #expect(badCheck?.status == 200)
        #expect(badCheck?.bytesReceived == 1 << 20)
    }

    @Test(arguments: FetcherKind.allCases)
    func tooManyRedirectsKeepsTheLastRedirectsStatus(kind: FetcherKind) async throws {
        let error = try await failure(kind, "/loop") { $0.maxRedirects = 2 }
        #expect(error?.code == .tooManyRedirects)
        #expect(error?.status == 302)
        #expect(error?.bytesReceived == 0)
    }

    /// After a followed redirect, the request that failed is the final one:
    /// the 302 before it is not its status.
    @Test(arguments: FetcherKind.allCases, ["/redirect-to/127.0.0.1/1", "closed-port"])
    func aFailureBeforeTheResponseHasNoStatus(kind: FetcherKind, path: String) async throws {
        let error = try await FixtureServer.withServer { server in
            let url = path == "closed-port" ? "http://127.0.0.1:1/" : server.url(path)
            return try await kind.fetch(FetchConfiguration(), url).fetchError
        }
        #expect(error?.code == .connect)
        #expect(error?.status == nil)
        #expect(error?.bytesReceived == 0)
    }
}
