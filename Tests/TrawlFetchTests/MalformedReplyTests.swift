import Testing
import TrawlFetch

/// Replies that are not HTTP, or are HTTP past what libcurl accepts, get
/// the class that says so, in both fetchers: no status line is a
/// `bad-response` (not `unsupported-scheme`, curl's CURLE_UNSUPPORTED_PROTOCOL),
/// and headers past libcurl's caps are `too-large` (not a `reset` to retry,
/// nor "Out of memory"). Each from a raw socket server.
struct MalformedReplyTests {
    /// An HTTP/0.9 reply: a body with no status line and no headers.
    static let noStatusLine = Array("<html><body>hello</body></html>\n".utf8)

    /// 400 headers of 1,000 bytes: past libcurl 7.88's 300 KiB for a
    /// response's headers (MAX_HTTP_RESP_HEADER_SIZE).
    static let manyHeaders: [UInt8] = {
        var reply = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n".utf8)
        for index in 0..<400 {
            reply += Array("X-Pad-\(index): ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 1_000) + Array("\r\n".utf8)
        }
        return reply + Array("\r\nok".utf8)
    }()

    /// One header line of 200,000 bytes: past libcurl's 100 KiB for one
    /// line (CURL_MAX_HTTP_HEADER).
    static let longHeaderLine: [UInt8] =
        Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-Long: ".utf8)
        + [UInt8](repeating: UInt8(ascii: "a"), count: 200_000) + Array("\r\n\r\nok".utf8)

    private func error(_ kind: FetcherKind, _ reply: [UInt8], followRedirects: Bool) async throws -> FetchError? {
        try await RawReplyServer.withServer(reply: reply) { server in
            var configuration = FetchConfiguration()
            configuration.timeout = .seconds(10)
            configuration.followRedirects = followRedirects
            return try await kind.fetch(configuration, server.url("/page")).fetchError
        }
    }

    static let cases = FetcherKind.allCases.flatMap { kind in [true, false].map { (kind, $0) } }

    @Test(arguments: cases)
    func noStatusLineIsABadResponse(kind: FetcherKind, followRedirects: Bool) async throws {
        let error = try #require(try await error(kind, Self.noStatusLine, followRedirects: followRedirects))
        #expect(error.code == .badResponse)
        #expect(error.message.contains("no HTTP status line"), "\(error.message)")
        #expect(error.status == nil)
    }

    @Test(arguments: cases)
    func headersPastLibcurlsCapAreTooLarge(kind: FetcherKind, followRedirects: Bool) async throws {
        let error = try #require(try await error(kind, Self.manyHeaders, followRedirects: followRedirects))
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("response headers are larger than libcurl accepts"), "\(error.message)")
    }

    @Test(arguments: cases)
    func aHeaderLinePastLibcurlsCapIsTooLarge(kind: FetcherKind, followRedirects: Bool) async throws {
        let error = try #require(try await error(kind, Self.longHeaderLine, followRedirects: followRedirects))
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("header line is longer than libcurl accepts"), "\(error.message)")
    }

    /// A redirect to a scheme curl will not follow is still what it was.
    @Test(arguments: FetcherKind.allCases)
    func aRedirectToFTPIsStillAnUnsupportedScheme(kind: FetcherKind) async throws {
        let reply = Array("HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/file\r\nContent-Length: 0\r\n\r\n".utf8)
        let error = try #require(try await error(kind, reply, followRedirects: true))
        #expect(error.code == .unsupportedScheme)
    }
}
