import TrawlFetch

/// One page on a blocking strategy's thread: fetch with `curl_easy_perform`,
/// then parse on the same thread, as a thread-per-task crawler does. The
/// same `RedirectChain` and `PageProcessor` as the async strategy (a page's
/// redirect goes back to the frontier as its next hop; a robots.txt
/// follows its redirects here); nil when cancelled.
enum BlockingPageJob {
    static func run(
        _ job: CrawlJob, fetcher: BlockingFetcher, redirects: RedirectPolicy, processor: PageProcessor,
        flag: CancellationFlag
    ) -> PageOutcome? {
        let start = ContinuousClock.now
        var chain = RedirectChain(policy: redirects.applying(to: job), job: job)
        func fetch(_ url: String) -> Result<FetchResponse, FetchError> {
            guard let timeout = chain.remainingTime else { return .failure(chain.timeSpent(fetching: url)) }
            return fetcher.fetch(url, timeout: timeout, isCancelled: { flag.isCancelled })
        }
        var result = fetch(job.url)
        if job.kind == .robots {
            while let next = chain.nextHop(after: &result) { result = fetch(next) }
        }
        if case .failure(let error) = result, error.code == .cancelled { return nil }
        let wall = (ContinuousClock.now - start).milliseconds
        if job.kind == .robots { return processor.outcome(for: job, result: result, wallMilliseconds: wall) }
        return chain.outcome(after: result, of: job, wallMilliseconds: wall, processor: processor)
    }
}
