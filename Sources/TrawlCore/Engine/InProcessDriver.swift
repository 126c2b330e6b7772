/// The driver of a single-process crawl: one task alone owns the frontier
/// and the exports, so neither needs a lock; the strategy's worker runs
/// the fetches as child tasks, at most `concurrency` at once.
enum InProcessDriver {
    private enum Event: Sendable {
        /// A fetch ended; nil when it was cancelled mid-transfer.
        case finished(PageOutcome?)
        /// A host's politeness delay may have passed.
        case wakeUp
        /// A crawl-wide limit asked the crawl to stop.
        case stopRequested
    }

    static func drive(
        frontier initial: Frontier, worker: any CrawlWorker, processor: PageProcessor, concurrency: Int,
        exports: CrawlExports, counters: LiveCounters, stopRequest: StopRequest
    ) async -> DriveSummary {
        var frontier = initial
        var summary = DriveSummary()
        let clock = ContinuousClock()
        let start = clock.now
        await withTaskGroup(of: Event.self) { group in
            var running = 0
            var stopping = false
            /// The earliest wake-up a sleeping child task stands for.
            var wakeUpAt: Duration?
            func stop(_ reason: String?) {
                guard !stopping else { return }
                stopping = true
                if let reason { summary.stopReason = reason }
                group.cancelAll()
            }
            // Watches for a crawl-wide limit; cancelled with the group.
            group.addTask {
                while !Task.isCancelled {
                    if stopRequest.current != nil { return .stopRequested }
                    try? await Task.sleep(for: StopRequest.pollInterval)
                }
                return .stopRequested
            }
            func settle(_ outcome: PageOutcome) {
                let disposition = FrontierFeedback.apply(outcome, to: &frontier, stopping: stopping, now: clock.now - start)
                summary.note(disposition, outcome)
                guard case .record = disposition else { return }
                if !stopping {
                    for link in outcome.follow {
                        frontier.discover(link.url, hostKey: link.hostKey, depth: outcome.job.depth + 1)
                    }
                }
                do {
                    try exports.record(outcome)
                } catch {
                    // Not in pages.jsonl, so not in the report's counts either.
                    summary.failure = summary.failure ?? (error as? TrawlError ?? TrawlError(.writeFailed, "\(error)"))
                    stop("write-error")
                    return
                }
                summary.tally(outcome.record)
                counters.count(outcome.record, inFlight: frontier.inFlight, queued: frontier.queued)
            }
            while true {
                if !stopping && Task.isCancelled { stop("interrupted") }
                while !stopping && running < concurrency, let job = frontier.next(at: clock.now - start) {
                    if job.kind.makesNoRequest {
                        settle(processor.disallowedOutcome(for: job))
                        continue
                    }
                    group.addTask { .finished(try? await worker.perform(job)) }
                    running += 1
                }
                if !stopping, let wake = frontier.nextWakeUp, wakeUpAt.map({ wake < $0 }) ?? true {
                    wakeUpAt = wake
                    group.addTask {
                        try? await clock.sleep(until: start + wake)
                        return .wakeUp
                    }
                }
                if running == 0 && (stopping || frontier.nextWakeUp == nil) {
                    // A sleeping wake-up or the limit watcher must not hold
                    // the crawl open.
                    group.cancelAll()
                    break
                }
                guard let event = await group.next() else { break }
                switch event {
                case .stopRequested:
                    if let reason = stopRequest.current { stop(reason) }
                case .wakeUp:
                    wakeUpAt = nil
                case .finished(let outcome):
                    running -= 1
                    if let outcome { settle(outcome) }  // nil: cancelled mid-transfer
                }
            }
        }
        if summary.stopReason == nil && frontier.stoppedByPageBudget { summary.stopReason = "max-pages" }
        summary.refusals = frontier.refusals
        return summary
    }
}
