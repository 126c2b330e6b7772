import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 (or another address a test binds)
/// for the fetcher's tests, started on port 0 and closed when `withServer`'s
/// body ends.
///
/// Routes:
/// - `/ok`: 200, text/html, `okBody`
/// - `/echo/TEXT`: 200, text/plain, body TEXT
/// - `/redirect/N`: 302 to `/redirect/N-1`, and `/redirect/1` to `/ok`
/// - `/loop`: 302 to itself
/// - `/to-ftp`: 302 to an ftp:// URL
/// - `/redirect-with-header`: 302 (with `X-Redirect-Only`) to `/headers`
/// - `/big`: `bigSize` bytes with Content-Length; `/big-chunked`: the same, chunked
/// - `/gzip`: `gzipPlain`, sent gzip-encoded
/// - `/gzip-bomb`: 1 MiB of zeros, sent gzip-encoded in 1,051 bytes
/// - `/gzip-bad-check`: the same with a wrong CRC-32 in the gzip trailer, so
///   every byte inflates and then decoding fails
/// - `/stall/N`: 200 announcing 2N bytes, N of them, then silence
/// - `/redirect-to/HOST/PORT`: 302 to `http://HOST:PORT/ok`
/// - `/slow/MS`: 200 after MS milliseconds
/// - `/status/CODE`: that status
/// - `/headers`: 200 with two `X-Trawl` headers; the body is the Host header
/// - `/user-agent`: the body is the User-Agent header
/// - `/header/NAME`: the body is every value of the header NAME, a line each
/// - `/set-cookie`: 200 setting the cookie `session=cookieValue` for `/`
/// - `/needs-cookie`: 200 "cookie ok" with that cookie, else 403 "no cookie"
/// - `/close`: `okBody` with `Connection: close`, then the server closes
/// - `/drop`: `okBody` kept alive, then the server closes the idle
///   connection 20 ms later without a word (as servers' idle timeouts do)
final class FixtureServer: Sendable {
    static let okBody = "<html><body>ok</body></html>"
    static let cookieValue = "c00kie-42"
    static let bigSize = 2 << 20
    static let pacedPartSize = 64 << 10
    static let gzipPlain = String(repeating: "trawl gzip fixture line\n", count: 40)
    static let gzipBytes: [UInt8] = [
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x2b, 0x29, 0x4a, 0x2c, 0xcf, 0x51,
        0x48, 0xaf, 0xca, 0x2c, 0x50, 0x48, 0xcb, 0xac, 0x28, 0x29, 0x2d, 0x4a, 0x55, 0xc8, 0xc9, 0xcc,
        0x4b, 0xe5, 0x2a, 0x19, 0x15, 0x1f, 0x15, 0x1f, 0x15, 0x1f, 0xf4, 0xe2, 0x00, 0xc0, 0xa3, 0x4c,
        0x5b, 0xc0, 0x03, 0x00, 0x00,
    ]
    /// gzip of 1 MiB of zeros: a header, a run of zero bytes, a trailer.
    static let gzipBombBytes: [UInt8] =
        [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xed, 0xc1, 0x31, 0x01, 0x00, 0x00,
         0x00, 0xc2, 0xa0, 0xf5, 0x4f, 0x6d, 0x08, 0x5f, 0xa0]
        + [UInt8](repeating: 0, count: 1016)
        + [0x3e, 0x03, 0x1c, 0xea, 0x38, 0xa7, 0x00, 0x00, 0x10, 0x00]
    /// `gzipBombBytes` with the first byte of its CRC-32 inverted.
    static let gzipBombBadCheckBytes: [UInt8] = {
        var bytes = gzipBombBytes
        bytes[bytes.count - 8] ^= 0xFF
        return bytes
    }()

    let port: Int
    /// The address the server listens on, as given to `withServer`.
    let host: String
    private let channel: any Channel
    private let accepted: Counter
    private let open: Counter

    /// Connections accepted so far.
    var connectionCount: Int { accepted.value.load(ordering: .relaxed) }
    /// Connections accepted and not yet closed.
    var openConnectionCount: Int { open.value.load(ordering: .relaxed) }

    func url(_ path: String) -> String {
        let authority = host.contains(":") ? "[\(host)]" : host
        return "http://\(authority):\(port)\(path)"
    }

    private init(port: Int, host: String, channel: any Channel, accepted: Counter, open: Counter) {
        self.port = port
        self.host = host
        self.channel = channel
        self.accepted = accepted
        self.open = open
    }

    /// `host` is an address to bind: 127.0.0.1 unless a test needs another
    /// (`0.0.0.0`, `::`, or one inside a network namespace).
    static func withServer<R>(host: String = "127.0.0.1", _ body: (FixtureServer) async throws -> R) async throws -> R {
        let counter = Counter()
        let open = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                counter.value.add(1, ordering: .relaxed)
                open.value.add(1, ordering: .relaxed)
                channel.closeFuture.whenComplete { _ in open.value.subtract(1, ordering: .relaxed) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(FixtureHandler())
                }
            }
            .bind(host: host, port: 0)
            .get()
        let server = FixtureServer(
            port: channel.localAddress?.port ?? 0, host: host, channel: channel, accepted: counter, open: open)
        do {
            let result = try await body(server)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
