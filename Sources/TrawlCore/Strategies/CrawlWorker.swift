import TrawlFetch

/// How a strategy turns a job into an outcome. The engine owns the frontier
/// and the exports; a worker only fetches and processes, so every strategy
/// shares the same frontier, scope, extraction and export code.
protocol CrawlWorker: Sendable {
    /// Fetches and processes `job`. Throws only CancellationError.
    func perform(_ job: CrawlJob) async throws -> PageOutcome
}
