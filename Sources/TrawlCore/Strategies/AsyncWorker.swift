import TrawlFetch

/// The async strategy: one libcurl multi event loop, each transfer awaited
/// from a task; parsing runs on the task (the cooperative pool), never on
/// the event-loop thread.
struct AsyncWorker: CrawlWorker {
    let fetcher: CurlMultiFetcher
    let processor: PageProcessor

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let start = ContinuousClock.now
        let result: Result<FetchResponse, FetchError>
        do {
            result = .success(try await fetcher.fetch(job.url))
        } catch let error as FetchError {
            if error.code == .cancelled { throw CancellationError() }
            result = .failure(error)
        }
        return processor.outcome(for: job, result: result, wallMilliseconds: (ContinuousClock.now - start).milliseconds)
    }
}
