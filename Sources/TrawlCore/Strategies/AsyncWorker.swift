import TrawlFetch

/// The async strategy: one libcurl multi event loop, each transfer awaited
/// from a task; parsing runs on the task (the cooperative pool), never on
/// the event-loop thread. Redirects are followed hop by hop, each hop its
/// own transfer, under `redirects`.
struct AsyncWorker: CrawlWorker {
    let fetcher: CurlMultiFetcher
    let redirects: RedirectPolicy
    let processor: PageProcessor

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let start = ContinuousClock.now
        var chain = RedirectChain(policy: redirects.applying(to: job), url: job.url)
        var result = try await fetch(job.url)
        while let next = chain.nextHop(after: &result) { result = try await fetch(next) }
        return processor.outcome(for: job, result: result, wallMilliseconds: (ContinuousClock.now - start).milliseconds)
    }

    /// One transfer. The fetcher's `cancelled` (it is shutting down) ends
    /// the job as a cancellation, not as a page that failed.
    private func fetch(_ url: String) async throws -> Result<FetchResponse, FetchError> {
        do {
            return .success(try await fetcher.fetch(url))
        } catch let error as FetchError {
            if error.code == .cancelled { throw CancellationError() }
            return .failure(error)
        }
    }
}
