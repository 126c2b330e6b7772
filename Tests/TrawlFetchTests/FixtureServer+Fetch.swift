import TrawlFetch

/// What the fetchers' tests share about the fixture server: a fetch
/// configuration made against a fresh server.
extension FixtureServer {
    /// Runs `body` with a fresh server and a default `FetchConfiguration`
    /// changed by `adjust`, which may use the server (for its port).
    static func withServer<R>(
        configuredBy adjust: (inout FetchConfiguration, FixtureServer) -> Void,
        _ body: (FetchConfiguration, FixtureServer) async throws -> R
    ) async throws -> R {
        try await withServer { server in
            var configuration = FetchConfiguration()
            adjust(&configuration, server)
            return try await body(configuration, server)
        }
    }
}
