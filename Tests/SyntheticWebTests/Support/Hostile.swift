@testable import SyntheticWeb

/// The hostile web the trap tests share: 5 hosts (every robots.txt
/// variant), 20 pages each.
enum Hostile {
    static func config(hosts: Int = 5, pages: Int = 20) -> SyntheticWebConfig {
        var config = SyntheticWebTests.config(hosts: hosts, pages: pages)
        config.profile = .hostile
        return config
    }

    static let web = SyntheticWeb(config())

    /// Runs `body` with a fresh server of the hostile web and one connection to it.
    static func withServer<R: Sendable>(
        _ body: (SyntheticWebServer, BlockingHTTPConnection) throws -> R
    ) async throws -> R {
        try await SyntheticWebServer.withRunning(web) { server in
            try BlockingHTTPConnection.withConnection(port: server.port) { try body(server, $0) }
        }
    }
}
