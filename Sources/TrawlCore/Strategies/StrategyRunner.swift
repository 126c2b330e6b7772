import TrawlFetch

/// Sets up one in-process strategy's fetch machinery, hands its worker to
/// a driver, and tears the machinery down once nothing is in flight. The
/// single-process engine and every worker of `--mode processes` start
/// their strategy here, so both run the very same code.
enum StrategyRunner {
    static func withWorker<Summary: Sendable>(
        _ mode: CrawlOptions.InProcessMode, concurrency: Int, fetch: FetchConfiguration, processor: PageProcessor,
        drive: (any CrawlWorker) async -> Summary
    ) async throws -> Summary {
        // Every worker follows redirects itself, hop by hop, so that each
        // hop is judged against the crawl's scope; libcurl must not.
        var fetch = fetch
        fetch.followRedirects = false
        let redirects = RedirectPolicy(scope: processor.scope, maxRedirects: fetch.maxRedirects)
        switch mode {
        case .async:
            return try await CurlMultiFetcher.withFetcher(fetch) { fetcher in
                await drive(AsyncWorker(fetcher: fetcher, redirects: redirects, processor: processor))
            }
        case .threads:
            let fetcher = try BlockingFetcher(fetch)
            return await drive(ThreadPerRequestWorker(fetcher: fetcher, redirects: redirects, processor: processor))
        case .pool:
            let fetcher = try BlockingFetcher(fetch)
            let pool = FetchThreadPool(threads: concurrency)
            let summary = await drive(
                ThreadPoolWorker(pool: pool, fetcher: fetcher, redirects: redirects, processor: processor))
            pool.shutdown()
            return summary
        }
    }
}
