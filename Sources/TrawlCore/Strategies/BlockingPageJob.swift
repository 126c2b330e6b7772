import TrawlFetch

/// One page on a blocking strategy's thread: fetch with `curl_easy_perform`
/// (each redirect hop its own transfer, under `redirects`), then parse on
/// the same thread, as a thread-per-task crawler does. The same
/// `RedirectChain` and `PageProcessor` as the async strategy; nil when
/// cancelled.
enum BlockingPageJob {
    static func run(
        _ job: CrawlJob, fetcher: BlockingFetcher, redirects: RedirectPolicy, processor: PageProcessor,
        flag: CancellationFlag
    ) -> PageOutcome? {
        let start = ContinuousClock.now
        let fetch = { (url: String) in fetcher.fetch(url, isCancelled: { flag.isCancelled }) }
        var chain = RedirectChain(policy: redirects.applying(to: job), url: job.url)
        var result = fetch(job.url)
        while let next = chain.nextHop(after: &result) { result = fetch(next) }
        if case .failure(let error) = result, error.code == .cancelled { return nil }
        return processor.outcome(for: job, result: result, wallMilliseconds: (ContinuousClock.now - start).milliseconds)
    }
}
