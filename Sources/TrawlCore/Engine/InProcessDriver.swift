import Logging

/// The driver of a single-process crawl: `CrawlLoop` over the in-memory
/// `Frontier`, with the exports and live counters as its host. One task
/// owns the frontier and the exports, so neither needs a lock.
enum InProcessDriver {
    static func drive(
        frontier initial: Frontier, worker: any CrawlWorker, processor: PageProcessor, concurrency: Int,
        exports: CrawlExports, counters: LiveCounters, stopRequest: StopRequest, logger: Logger
    ) async -> DriveSummary {
        var frontier = initial
        var host = InProcessCrawl(exports: exports, counters: counters, stopRequest: stopRequest)
        await CrawlLoop.run(frontier: &frontier, host: &host, worker: worker, processor: processor,
                            concurrency: concurrency, events: EventMailbox(), logger: logger) {
            // Watches for a crawl-wide limit; cancelled with the loop.
            while !Task.isCancelled {
                if stopRequest.current != nil { break }
                try? await Task.sleep(for: StopRequest.pollInterval)
            }
            return .stopRequested
        }
        var summary = host.summary
        if summary.stopReason == nil && frontier.stoppedByPageBudget { summary.stopReason = "max-pages" }
        summary.refusals = frontier.refusals
        return summary
    }
}

/// The host of a single-process crawl: a settled page goes to the exports
/// and into the summary; a crawl-wide limit or a failed write stops it.
struct InProcessCrawl: CrawlLoopHost {
    enum Message: Sendable {
        /// A crawl-wide limit may have asked the crawl to stop (or the
        /// watcher was cancelled).
        case stopRequested
    }

    let exports: CrawlExports
    let counters: LiveCounters
    let stopRequest: StopRequest
    var summary = DriveSummary()

    var endsWhenIdle: Bool { true }

    mutating func settled(_ disposition: FrontierFeedback.Disposition, of outcome: PageOutcome, frontier: Frontier) -> Bool {
        summary.note(disposition, outcome)
        guard case .record = disposition else { return true }
        do {
            try exports.record(outcome)
        } catch {
            // Not in pages.jsonl, so not in the report's counts either.
            summary.failure = summary.failure ?? (error as? TrawlError ?? TrawlError(.writeFailed, "\(error)"))
            stop("write-error")
            return false
        }
        summary.tally(outcome.record)
        counters.count(outcome.record, inFlight: frontier.inFlight, queued: frontier.queued)
        return true
    }

    mutating func received(_ message: Message, frontier: inout Frontier) -> Bool {
        guard let reason = stopRequest.current else { return true }
        stop(reason)
        return false
    }

    mutating func dispatched(frontier: inout Frontier, stopping: Bool) -> Bool { true }

    mutating func interrupted() { stop("interrupted") }

    /// The first reason to stop is the one reported.
    private mutating func stop(_ reason: String) {
        if summary.stopReason == nil { summary.stopReason = reason }
    }
}
