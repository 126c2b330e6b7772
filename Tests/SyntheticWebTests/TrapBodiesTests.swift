import NIOCore
import Testing

@testable import SyntheticWeb

/// The body traps on the wire, read by the blocking client: what the head
/// declares, what arrives, and how the connection ends.
@Suite(.serialized)
struct TrapBodiesTests {
    static let host = "h0.trawl.test"

    /// Sends a GET and reads the head, expecting 200 and `length` declared.
    static func head(_ path: String, declaring length: Int, on connection: BlockingHTTPConnection) throws
        -> WireResponse
    {
        try connection.sendGet(path, host: host)
        let head = try connection.readHead()
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == String(length))
        return head
    }

    @Test func slowDripSendsAtMostTwoBytesInOneAndAHalfSeconds() async throws {
        try await Hostile.withServer { _, connection in
            let clock = ContinuousClock()
            let start = clock.now
            _ = try Self.head("/trap/body/slow-drip", declaring: 600, on: connection)
            // At once, not at the drip's pace (a byte a second): a bound a
            // loaded 2-core machine keeps.
            #expect(clock.now - start < .seconds(2), "the headers come at once")
            let dripped = connection.receive(within: .milliseconds(1_500))
            #expect(dripped.end == .timedOut)
            #expect((1...2).contains(dripped.count))
            #expect(dripped.head == Array(Array("<!".utf8).prefix(dripped.count)))
        }
    }

    @Test func slowDripsDoNotBlockTheEventLoops() async throws {
        try await SyntheticWebServer.withRunning(Hostile.web) { server in
            try BlockingHTTPConnection.withConnections(count: 16, port: server.port) { drips in
                for drip in drips {
                    _ = try Self.head("/trap/body/slow-drip", declaring: 600, on: drip)
                }
                let clock = ContinuousClock()
                let start = clock.now
                let page = try BlockingHTTPConnection.withConnection(port: server.port) {
                    try $0.get("/page/1", host: Self.host)
                }
                #expect(page.status == 200)
                // The 16 drips take minutes; a page behind them would too.
                #expect(clock.now - start < .seconds(5))
            }
            #expect(server.stats.peakConcurrentRequestsPerHost[Self.host] == 17)
        }
    }

    @Test func hugeBodyStreams64MiBOfHTML() async throws {
        try await Hostile.withServer { server, connection in
            let head = try Self.head("/trap/body/huge", declaring: 64 << 20, on: connection)
            #expect(head.headers["content-type"] == "text/html; charset=utf-8")
            let body = connection.receive(limit: 64 << 20, within: .seconds(20), keep: 256)
            #expect(body.count == 64 << 20)
            #expect(body.end == .limit)
            #expect(
                String(decoding: body.head, as: UTF8.self).hasPrefix(
                    "<!DOCTYPE html>\n<html><head><title>Huge body</title>"))
            #expect(String(decoding: body.tail, as: UTF8.self).hasSuffix("</p></body></html>\n"))
            // Kept alive: the next request on the same connection is answered.
            #expect(try connection.get("/", host: Self.host).status == 200)
            #expect(server.stats.bytesSent >= 64 << 20)
        }
    }

    /// A client that stops reading holds the server back: it does not queue
    /// 64 MiB in memory, it waits for the socket to drain.
    @Test func hugeBodyWaitsForAReader() async throws {
        try await SyntheticWebServer.withRunning(Hostile.web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { connection in
                _ = try Self.head("/trap/body/huge", declaring: 64 << 20, on: connection)
                #expect(connection.receive(limit: 1 << 20, within: .seconds(5)).count == 1 << 20)
            }
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(5)
            while server.stats.requestsServed == 0 && clock.now < deadline {
                try? await Task.sleep(for: .milliseconds(20))
            }
            #expect(server.stats.requestsServed == 1, "the abandoned stream was counted")
            #expect(server.stats.bytesSent < 16 << 20)
        }
    }

    @Test func gzipBombIsSmallAndDeclaresGzip() async throws {
        try await Hostile.withServer { _, connection in
            let response = try connection.get("/trap/body/gzip-bomb", host: Self.host)
            #expect(response.status == 200)
            #expect(response.headers["content-encoding"] == "gzip")
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.body.count < 1_100_000)
            #expect(response.body == GzipBomb.bytes)
            #expect(response.body.prefix(3) == [0x1F, 0x8B, 8])
            // ISIZE, the last 4 bytes (little-endian): the inflated size mod 2^32.
            let isize = response.body.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
            #expect(isize == GzipBomb.inflatedLength % (1 << 32))
            #expect(GzipBomb.inflatedLength >= 1 << 30)
        }
    }

    @Test func shortBodyDeclaresMoreThanItSendsAndCloses() async throws {
        try await Hostile.withServer { _, connection in
            _ = try Self.head("/trap/body/short", declaring: 2048, on: connection)
            let body = connection.receive(within: .seconds(5))
            #expect(body.count == 1024)
            #expect(body.end == .closed)
        }
    }

    @Test func resetSendsHalfTheBodyThenRST() async throws {
        try await Hostile.withServer { _, connection in
            _ = try Self.head("/trap/body/reset", declaring: 65_536, on: connection)
            let body = connection.receive(within: .seconds(5))
            #expect(body.end == .reset)
            // Linux keeps received data readable after a RST: all of it arrives.
            #expect(body.count == 32_768)
        }
    }

    @Test func pngServedAsHTMLHasNoMarkup() async throws {
        try await Hostile.withServer { _, connection in
            let response = try connection.get("/trap/body/png-as-html", host: Self.host)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html")
            #expect(response.body.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(!response.body.contains(UInt8(ascii: "<")))
            #expect(response.body.contains(0))
        }
    }

    @Test func binaryIsOctetStreamWithMarkupInside() async throws {
        try await Hostile.withServer { _, connection in
            let response = try connection.get("/trap/body/binary", host: Self.host)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "application/octet-stream")
            #expect(response.body.count == 4096)
            #expect(response.body.firstRange(of: Array("<a href=\"/trap/found/in-binary\">".utf8)) != nil)
            #expect(!Hostile.web.truthEdges().contains { $0.contains("in-binary") })
        }
    }

    @Test func headRequestsGetTheDeclaredLengthAndNoBody() async throws {
        try await Hostile.withServer { _, connection in
            for (path, length) in [
                ("/trap/body/huge", 64 << 20), ("/trap/body/slow-drip", 600), ("/trap/body/short", 2048),
            ] {
                try connection.sendGet(path, host: Self.host, method: "HEAD")
                let head = try connection.readResponse(hasBody: false)
                #expect(head.headers["content-length"] == String(length), "\(path)")
            }
            #expect(try connection.get("/", host: Self.host).status == 200)
        }
    }

    @Test func streamedBodyCursorCutsPrefixChunksAndSuffix() {
        let body = SyntheticResponse.StreamedBody(
            prefix: Array("<p>".utf8), unit: Array("ab".utf8), suffix: Array("</p>".utf8), length: 3 + 200_001 + 4)
        var cursor = StreamedBodyCursor(body, allocator: ByteBufferAllocator())
        var bytes = [UInt8]()
        var sizes = [Int]()
        while let buffer = cursor.next(allocator: ByteBufferAllocator()) {
            sizes.append(buffer.readableBytes)
            bytes += buffer.readableBytesView
        }
        #expect(sizes == [3, 65_536, 65_536, 65_536, 3_393, 4])
        #expect(bytes.count == body.length)
        #expect(bytes.starts(with: Array("<p>abab".utf8)))
        #expect(bytes.suffix(7) == Array("aba</p>".utf8)[...])
        #expect(cursor.isFinished)
    }
}
