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
        switch mode {
        case .async:
            return try await CurlMultiFetcher.withFetcher(fetch) { fetcher in
                await drive(AsyncWorker(fetcher: fetcher, processor: processor))
            }
        case .threads:
            let fetcher = try BlockingFetcher(fetch)
            return await drive(ThreadPerRequestWorker(fetcher: fetcher, processor: processor))
        case .pool:
            let fetcher = try BlockingFetcher(fetch)
            let pool = FetchThreadPool(threads: concurrency)
            let summary = await drive(ThreadPoolWorker(pool: pool, fetcher: fetcher, processor: processor))
            pool.shutdown()
            return summary
        }
    }
}
