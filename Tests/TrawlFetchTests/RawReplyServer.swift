import NIOCore
import NIOPosix

/// A TCP server on 127.0.0.1 that answers every connection's first bytes
/// (the request) with `reply`, exactly as given, then closes: for replies
/// no HTTP server would send (no status line, headers past libcurl's caps).
struct RawReplyServer {
    let port: Int

    func url(_ path: String = "/") -> String { "http://127.0.0.1:\(port)\(path)" }

    static func withServer<R>(reply: [UInt8], _ body: (RawReplyServer) async throws -> R) async throws -> R {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReplyHandler(reply: reply))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = RawReplyServer(port: channel.localAddress?.port ?? 0)
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

private final class ReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let reply: [UInt8]
    private var answered = false

    init(reply: [UInt8]) { self.reply = reply }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        answered = true
        let buffer = context.channel.allocator.buffer(bytes: reply)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}
