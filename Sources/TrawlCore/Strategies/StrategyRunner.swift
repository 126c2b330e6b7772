import Foundation
import TrawlFetch

/// Sets up one in-process strategy's fetch machinery, hands its worker to
/// a driver, and tears the machinery down once nothing is in flight. The
/// single-process engine and every worker of `--mode processes` start
/// their strategy here, so both run the very same code.
enum StrategyRunner {
    /// Returns what `drive` returned and how the fetcher used its body
    /// budget (nil without one). With `fetch.cookieJar`, the cookies are
    /// written back once `drive` returns, stopped early or not.
    static func withWorker<Summary: Sendable>(
        _ mode: CrawlOptions.InProcessMode, concurrency: Int, fetch: FetchConfiguration, processor: PageProcessor,
        drive: (any CrawlWorker) async -> Summary
    ) async throws -> (Summary, BodyBudget.Stats?) {
        // Redirects are followed hop by hop, each hop judged by every gate
        // a link passes (and a page's hops go through the frontier);
        // libcurl must not follow them itself.
        var fetch = fetch
        fetch.followRedirects = false
        let redirects = RedirectPolicy(scope: processor.scope, maxRedirects: fetch.maxRedirects, timeout: fetch.timeout,
                                       maxURLLength: processor.links.maxURLLength)
        switch mode {
        case .async:
            return try await CurlMultiFetcher.withFetcher(fetch) { fetcher in
                let summary = await drive(AsyncWorker(fetcher: fetcher, redirects: redirects, processor: processor))
                saveCookies(fetcher.cookieJar)
                return (summary, fetcher.bodyBudget?.stats)
            }
        case .threads:
            let fetcher = try BlockingFetcher(fetch)
            let summary = await drive(ThreadPerRequestWorker(fetcher: fetcher, redirects: redirects, processor: processor))
            saveCookies(fetcher.cookieJar)
            return (summary, fetcher.bodyBudget?.stats)
        case .pool:
            let fetcher = try BlockingFetcher(fetch)
            let pool = FetchThreadPool(threads: concurrency)
            let summary = await drive(
                ThreadPoolWorker(pool: pool, fetcher: fetcher, redirects: redirects, processor: processor))
            pool.shutdown()
            saveCookies(fetcher.cookieJar)
            return (summary, fetcher.bodyBudget?.stats)
        }
    }

    /// Writes the jar back. A failure is a warning on stderr, not the
    /// crawl's failure: by now every page is fetched and recorded, and the
    /// exports still to be written are worth more than the cookies. (A jar
    /// that cannot be written at all is refused before the crawl starts.)
    private static func saveCookies(_ jar: CookieJar?) {
        guard let jar else { return }
        do {
            try jar.save()
        } catch {
            // write(2): a closed stderr loses the line instead of trapping.
            let line = "trawl: warning: \(error.message); the crawl's exports are not affected\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
    }
}
