import TrawlFetch

/// One page on a blocking strategy's thread: fetch with `curl_easy_perform`,
/// then parse on the same thread, as a thread-per-task crawler does. The
/// same `PageProcessor` as the async strategy; nil when cancelled.
enum BlockingPageJob {
    static func run(
        _ job: CrawlJob, fetcher: BlockingFetcher, processor: PageProcessor, flag: CancellationFlag
    ) -> PageOutcome? {
        let start = ContinuousClock.now
        let result = fetcher.fetch(job.url, isCancelled: { flag.isCancelled })
        if case .failure(let error) = result, error.code == .cancelled { return nil }
        return processor.outcome(for: job, result: result, wallMilliseconds: (ContinuousClock.now - start).milliseconds)
    }
}
