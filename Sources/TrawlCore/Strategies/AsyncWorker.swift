import TrawlFetch

/// The async strategy: one libcurl multi event loop, each transfer awaited
/// from a task; parsing runs on the task (the cooperative pool), never on
/// the event-loop thread. A page's redirect goes back to the frontier as
/// its next hop; a robots.txt follows its redirects here (`RedirectChain`).
///
/// Every in-flight transfer holds one task suspended in `perform`, so the
/// size of these async frames is memory per connection: with 2,000 slow
/// connections it is most of what trawl holds beyond libcurl's own buffers.
/// An async frame keeps room for every value of the function, and of what
/// it inlined, that the compiler cannot prove dead across an await. So the
/// job's state lives in one heap object (`JobInFlight`), and the work
/// before and after a transfer runs out of line: the frames hold a few
/// pointers, not the job, the redirect chain and the response (README,
/// "Where the memory goes").
struct AsyncWorker: CrawlWorker {
    let fetcher: CurlMultiFetcher
    let redirects: RedirectPolicy
    let processor: PageProcessor

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let inFlight = JobInFlight(job: job, redirects: redirects)
        try await fetch(job.url, for: inFlight)
        if job.kind == .robots {
            while let next = inFlight.nextHop() { try await fetch(next, for: inFlight) }
        }
        return inFlight.outcome(processor: processor)
    }

    /// One transfer, within what the chain has left of `--timeout`, its
    /// result kept in `inFlight`. The fetcher's `cancelled` (it is shutting
    /// down) ends the job as a cancellation, not as a page that failed.
    /// Out of line, so `perform` does not hold a copy of this frame for
    /// each of its two awaits.
    @inline(never)
    private func fetch(_ url: String, for inFlight: JobInFlight) async throws {
        guard let timeout = inFlight.remainingTime else { return inFlight.outOfTime(fetching: url) }
        do {
            inFlight.finish(response: try await fetcher.fetch(url, timeout: timeout))
        } catch {
            try inFlight.finish(error: error)
        }
    }
}

/// One job while its transfers run: the redirect chain, the latest result
/// and the wall clock. A class, so an async frame that waits on a transfer
/// holds a pointer to it; used by the one task that runs the job, so never
/// shared across threads at once.
private final class JobInFlight {
    let job: CrawlJob
    let start = ContinuousClock.now
    var chain: RedirectChain
    var result: Result<FetchResponse, FetchError> = .failure(FetchError(code: .cancelled, url: "", message: "not fetched"))

    @inline(never)
    init(job: CrawlJob, redirects: RedirectPolicy) {
        self.job = job
        chain = RedirectChain(policy: redirects.applying(to: job), job: job)
    }

    var remainingTime: Duration? { chain.remainingTime }

    @inline(never)
    func finish(response: FetchResponse) { result = .success(response) }

    /// Keeps a failed transfer's error; rethrows a cancellation.
    @inline(never)
    func finish(error: any Error) throws {
        guard let error = error as? FetchError, error.code != .cancelled else { throw CancellationError() }
        result = .failure(error)
    }

    @inline(never)
    func outOfTime(fetching url: String) { result = .failure(chain.timeSpent(fetching: url)) }

    /// A robots.txt's next redirect to follow, if any.
    @inline(never)
    func nextHop() -> String? { chain.nextHop(after: &result) }

    /// The job's outcome once its last transfer ended: a robots.txt has
    /// followed its chain already; a page either ends its chain here or
    /// hands the next hop to the frontier.
    @inline(never)
    func outcome(processor: PageProcessor) -> PageOutcome {
        let wall = (ContinuousClock.now - start).milliseconds
        if job.kind == .robots { return processor.outcome(for: job, result: result, wallMilliseconds: wall) }
        return chain.outcome(after: result, of: job, wallMilliseconds: wall, processor: processor)
    }
}
