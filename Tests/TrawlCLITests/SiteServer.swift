import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A three-page site on 127.0.0.1 that records every request it gets (the
/// target as sent, and the headers), for the flags that change requests:
/// `--header`, `--cookie-jar`, `--proxy`. As a proxy it answers itself:
/// a request in absolute form (`GET http://site.test/ HTTP/1.1`) gets the
/// page its path names, so a crawl through it needs no DNS.
///
/// - `/`: links to `/login`
/// - `/login`: sets the cookie `session=cookieValue` and links to `/private`
///   (so `/private` is found only after the cookie is set)
/// - `/private`: 200 with the cookie, else 403
/// - anything else (robots.txt included): 404
final class SiteServer: Sendable {
    struct Request: Sendable, Equatable {
        /// As the request line had it: a path, or a whole URL via a proxy.
        var target: String
        var headers: [String: [String]]

        /// The path the target names.
        var path: String {
            guard let scheme = target.range(of: "://") else { return target }
            let rest = target[scheme.upperBound...]
            return rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
    }

    static let cookieValue = "s3ssion-77"

    let port: Int
    private let channel: any Channel
    private let log: Log

    var requests: [Request] { log.requests.withLock { $0 } }
    var url: String { "http://127.0.0.1:\(port)/" }

    private init(port: Int, channel: any Channel, log: Log) {
        self.port = port
        self.channel = channel
        self.log = log
    }

    static func withRunning<R>(_ body: (SiteServer) async throws -> R) async throws -> R {
        let log = Log()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = SiteServer(port: channel.localAddress?.port ?? 0, channel: channel, log: log)
        do {
            let result = try await body(server)
            try? await channel.close()
            return result
        } catch {
            try? await channel.close()
            throw error
        }
    }

    final class Log: Sendable {
        let requests = Mutex<[Request]>([])
    }

    private final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let log: Log
        init(log: Log) { self.log = log }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            var headers: [String: [String]] = [:]
            for (name, value) in head.headers { headers[name.lowercased(), default: []].append(value) }
            let request = Request(target: head.uri, headers: headers)
            log.requests.withLock { $0.append(request) }
            let cookie = headers["cookie", default: []].joined(separator: "; ")
            switch request.path {
            case "/":
                respond(context, .ok, "<html><body><a href=\"/login\">log in</a></body></html>")
            case "/login":
                respond(context, .ok, "<html><body><a href=\"/private\">private</a></body></html>",
                        extra: [("Set-Cookie", "session=\(SiteServer.cookieValue); Path=/")])
            case "/private" where cookie.contains("session=\(SiteServer.cookieValue)"):
                respond(context, .ok, "<html><body>welcome back</body></html>")
            case "/private":
                respond(context, .forbidden, "<html><body>log in first</body></html>")
            default:
                respond(context, .notFound, "not here")
            }
        }

        private func respond(_ context: ChannelHandlerContext, _ status: HTTPResponseStatus, _ body: String,
                             extra: [(String, String)] = []) {
            var headers = HTTPHeaders([("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "\(body.utf8.count)")])
            for (name, value) in extra { headers.add(name: name, value: value) }
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
