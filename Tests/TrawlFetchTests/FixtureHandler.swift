import NIOCore
import NIOHTTP1

/// Answers one request at a time on one connection (keep-alive).
final class FixtureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var request: HTTPRequestHead?

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            request = head
        case .body:
            break
        case .end:
            if let request {
                respond(to: request, context: context)
            }
            request = nil
        }
    }

    private func respond(to request: HTTPRequestHead, context: ChannelHandlerContext) {
        let path = request.uri
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("ok", 1):
            send(context, body: Array(FixtureServer.okBody.utf8), contentType: "text/html; charset=utf-8")
        case ("echo", 2):
            send(context, body: Array(parts[1].utf8), contentType: "text/plain")
        case ("redirect", 2):
            let remaining = Int(parts[1]) ?? 0
            redirect(context, to: remaining <= 1 ? "/ok" : "/redirect/\(remaining - 1)")
        case ("loop", 1):
            redirect(context, to: "/loop")
        case ("to-ftp", 1):
            redirect(context, to: "ftp://127.0.0.1/file.txt")
        case ("redirect-with-header", 1):
            redirect(context, to: "/headers", extra: [("X-Redirect-Only", "yes")])
        case ("big", 1):
            send(context, body: [UInt8](repeating: UInt8(ascii: "b"), count: FixtureServer.bigSize), contentType: "text/plain")
        case ("big-chunked", 1):
            sendChunked(context, total: FixtureServer.bigSize)
        case ("gzip", 1):
            send(context, body: FixtureServer.gzipBytes, contentType: "text/plain", extra: [("Content-Encoding", "gzip")])
        case ("not-gzip", 1):
            // Declares gzip, sends bytes no gzip decoder accepts.
            send(context, body: Array("this is not gzip data at all".utf8), contentType: "text/html",
                 extra: [("Content-Encoding", "gzip")])
        case ("gzip-bomb", 1):
            send(context, body: FixtureServer.gzipBombBytes, contentType: "application/octet-stream",
                 extra: [("Content-Encoding", "gzip")])
        case ("gzip-bad-check", 1):
            send(context, body: FixtureServer.gzipBombBadCheckBytes, contentType: "application/octet-stream",
                 extra: [("Content-Encoding", "gzip")])
        case ("stall", 2):
            stall(context, after: Int(parts[1]) ?? 1000)
        case ("redirect-to", 3):
            redirect(context, to: "http://\(parts[1]):\(parts[2])/ok")
        case ("slow", 2):
            let delay = TimeAmount.milliseconds(Int64(parts[1]) ?? 1000)
            context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
                self.send(context, body: Array("slow".utf8), contentType: "text/plain")
            }
        case ("status", 2):
            let code = Int(parts[1]) ?? 500
            send(context, status: HTTPResponseStatus(statusCode: code), body: Array("status \(code)".utf8),
                 contentType: "text/plain")
        case ("headers", 1):
            let host = request.headers["Host"].first ?? ""
            send(context, body: Array(host.utf8), contentType: "text/plain",
                 extra: [("X-Trawl", "one"), ("X-Trawl", "two")])
        case ("close", 1):
            send(context, body: Array(FixtureServer.okBody.utf8), contentType: "text/html; charset=utf-8",
                 extra: [("Connection", "close")], thenClose: true)
        case ("drop", 1):
            send(context, body: Array(FixtureServer.okBody.utf8), contentType: "text/html; charset=utf-8")
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(20)) {
                context.close(promise: nil)
            }
        case ("paced", 3):
            sendPaced(context, parts: Int(parts[1]) ?? 1, every: .milliseconds(Int64(parts[2]) ?? 10))
        case ("user-agent", 1):
            send(context, body: Array((request.headers["User-Agent"].first ?? "").utf8), contentType: "text/plain")
        case ("header", 2):
            // Every value of the header, in order, one line each.
            send(context, body: Array(request.headers[parts[1]].joined(separator: "\n").utf8), contentType: "text/plain")
        case ("set-cookie", 1):
            send(context, body: Array("cookie set".utf8), contentType: "text/plain",
                 extra: [("Set-Cookie", "session=\(FixtureServer.cookieValue); Path=/")])
        case ("needs-cookie", 1):
            let cookies = request.headers["Cookie"].joined(separator: "; ")
            let authorized = cookies.contains("session=\(FixtureServer.cookieValue)")
            send(context, status: authorized ? .ok : .forbidden, body: Array((authorized ? "cookie ok" : "no cookie").utf8),
                 contentType: "text/plain")
        default:
            send(context, status: .notFound, body: Array("no route \(path)".utf8), contentType: "text/plain")
        }
    }

    private func redirect(_ context: ChannelHandlerContext, to location: String, extra: [(String, String)] = []) {
        send(context, status: .found, body: Array("moved".utf8), contentType: "text/plain",
             extra: [("Location", location)] + extra)
    }

    private func send(
        _ context: ChannelHandlerContext, status: HTTPResponseStatus = .ok, body: [UInt8],
        contentType: String, extra: [(String, String)] = [], thenClose: Bool = false
    ) {
        var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", "\(body.count)")])
        headers.add(contentsOf: extra)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        guard thenClose else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    /// Headers announcing twice `count` bytes, `count` of them, then
    /// nothing: the connection stays open until the client gives up.
    private func stall(_ context: ChannelHandlerContext, after count: Int) {
        let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Content-Length", "\(2 * count)")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        let part = context.channel.allocator.buffer(bytes: [UInt8](repeating: UInt8(ascii: "s"), count: count))
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(part))), promise: nil)
    }

    /// `parts` chunks of 64 KiB (`FixtureServer.pacedPartSize`), one every
    /// `interval`: a body that takes its time, so transfers overlap.
    private func sendPaced(_ context: ChannelHandlerContext, parts: Int, every interval: TimeAmount) {
        let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")])
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        let chunk = context.channel.allocator.buffer(
            bytes: [UInt8](repeating: UInt8(ascii: "p"), count: FixtureServer.pacedPartSize))
        func sendPart(_ left: Int) {
            guard left > 0 else {
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
            context.eventLoop.assumeIsolated().scheduleTask(in: interval) { sendPart(left - 1) }
        }
        sendPart(parts)
    }

    private func sendChunked(_ context: ChannelHandlerContext, total: Int) {
        let headers = HTTPHeaders([("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")])
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        let chunk = context.channel.allocator.buffer(bytes: [UInt8](repeating: UInt8(ascii: "c"), count: 64 << 10))
        for _ in 0..<(total / chunk.readableBytes) {
            context.write(wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
