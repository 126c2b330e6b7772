import TrawlFetch

/// The async strategy: one libcurl multi event loop, each transfer awaited
/// from a task; parsing runs on the task (the cooperative pool), never on
/// the event-loop thread. A page's redirect goes back to the frontier as
/// its next hop; a robots.txt follows its redirects here (`RedirectChain`).
struct AsyncWorker: CrawlWorker {
    let fetcher: CurlMultiFetcher
    let redirects: RedirectPolicy
    let processor: PageProcessor

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let start = ContinuousClock.now
        var chain = RedirectChain(policy: redirects.applying(to: job), job: job)
        var result = try await fetch(job.url, within: chain)
        if job.kind == .robots {
            while let next = chain.nextHop(after: &result) { result = try await fetch(next, within: chain) }
            return processor.outcome(for: job, result: result, wallMilliseconds: (ContinuousClock.now - start).milliseconds)
        }
        return chain.outcome(after: result, of: job, wallMilliseconds: (ContinuousClock.now - start).milliseconds,
                             processor: processor)
    }

    /// One transfer, within what the chain has left of `--timeout`. The
    /// fetcher's `cancelled` (it is shutting down) ends the job as a
    /// cancellation, not as a page that failed.
    private func fetch(_ url: String, within chain: RedirectChain) async throws -> Result<FetchResponse, FetchError> {
        guard let timeout = chain.remainingTime else { return .failure(chain.timeSpent(fetching: url)) }
        do {
            return .success(try await fetcher.fetch(url, timeout: timeout))
        } catch let error as FetchError {
            if error.code == .cancelled { throw CancellationError() }
            return .failure(error)
        }
    }
}
