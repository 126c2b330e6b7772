import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves a `SyntheticWeb` over HTTP/1.1 with keep-alive: one listening
/// socket for every virtual host, chosen by the `Host` header.
public final class SyntheticWebServer: Sendable {
    /// The port actually bound (useful when asked for port 0).
    public let port: Int
    private let recorder: ServerStatsRecorder

    /// Backlog for bursts of connects: a crawler opening a thousand
    /// connections at once must not see refusals. The kernel caps it at
    /// `net.core.somaxconn`.
    static let backlog: Int32 = 4096

    private init(port: Int, recorder: ServerStatsRecorder) {
        self.port = port
        self.recorder = recorder
    }

    public var stats: ServerStats { recorder.snapshot }

    /// Starts the server, runs `body` with it, and shuts it down (listener,
    /// open connections and threads) when `body` returns, throws or is
    /// cancelled.
    public static func withRunning<R: Sendable>(
        _ web: SyntheticWeb, host: String = "127.0.0.1", port: Int = 0,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SyntheticWebServer) async throws -> R
    ) async throws -> R {
        FileDescriptorLimit.raiseSoftToHard()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let recorder = ServerStatsRecorder(hostNames: web.hostNames)
        let listener: any Channel
        do {
            listener = try await bootstrap(web, group: group, recorder: recorder).bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw SyntheticWebError(.cannotListen, "cannot listen on \(host):\(port)", underlying: error)
        }
        let server = SyntheticWebServer(port: listener.localAddress?.port ?? port, recorder: recorder)
        let result: Result<R, any Error>
        do {
            result = .success(try await body(server))
        } catch {
            result = .failure(error)
        }
        try? await listener.close()
        // Closes the keep-alive connections still open and joins the threads.
        try? await group.shutdownGracefully()
        return try result.get()
    }

    /// Serves until the calling task is cancelled (`trawl serve`), calling
    /// `onReady` with the bound port once it accepts connections.
    public static func serve(
        _ web: SyntheticWeb, host: String = "127.0.0.1", port: Int = 0,
        isolation: isolated (any Actor)? = #isolation,
        onReady: (Int) -> Void
    ) async throws {
        try await withRunning(web, host: host, port: port) { server in
            onReady(server.port)
            while !Task.isCancelled {
                // Cancellation is the normal way out, not an error.
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    private static func bootstrap(
        _ web: SyntheticWeb, group: MultiThreadedEventLoopGroup, recorder: ServerStatsRecorder
    ) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: backlog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // Accept bursts of connects in few wake-ups.
            .serverChannelOption(.maxMessagesPerRead, value: 64)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                recorder.connectionAccepted()
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SyntheticHTTPHandler(web: web, recorder: recorder))
                }
            }
    }
}
