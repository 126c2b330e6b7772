import SyntheticWeb

/// A generated web served on 127.0.0.1 for one test, and the start of a
/// `trawl crawl` of it.
enum ServedWeb {
    /// `hosts` × `pages` generated pages, each answered after `latency`.
    static func generated(hosts: Int, pages: Int, latency: Duration) -> SyntheticWeb {
        var config = SyntheticWebConfig()
        config.hosts = hosts
        config.pagesPerHost = pages
        config.latency = .fixed(latency)
        return SyntheticWeb(config)
    }

    /// Serves `web` and calls `body` with `crawl SEEDS --connect-to … --out
    /// OUT --quiet` (every host mapped onto the server, OUT a fresh folder)
    /// and OUT.
    static func crawling(
        _ web: SyntheticWeb, _ body: (_ arguments: [String], _ out: String) async throws -> Void
    ) async throws {
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("out")
            try await body(["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--quiet"], out)
        }
    }
}
