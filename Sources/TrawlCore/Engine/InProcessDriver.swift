/// The driver of a single-process crawl: one task alone owns the frontier
/// and the exports, so neither needs a lock; the strategy's worker runs
/// the fetches as child tasks, at most `concurrency` at once.
enum InProcessDriver {
    static func drive(
        frontier initial: Frontier, worker: any CrawlWorker, concurrency: Int,
        exports: CrawlExports, counters: LiveCounters
    ) async -> DriveSummary {
        var frontier = initial
        var summary = DriveSummary()
        await withTaskGroup(of: PageOutcome?.self) { group in
            var running = 0
            var stopping = false
            while true {
                if !stopping && Task.isCancelled {
                    stopping = true
                    summary.stopReason = "interrupted"
                    group.cancelAll()
                }
                while !stopping && running < concurrency, let job = frontier.next() {
                    group.addTask { try? await worker.perform(job) }
                    running += 1
                }
                if running == 0 { break }
                guard let finished = await group.next() else { break }
                running -= 1
                guard let outcome = finished else { continue }  // cancelled mid-transfer
                frontier.complete(outcome.job)
                if !stopping {
                    for link in outcome.follow {
                        frontier.discover(link.url, hostKey: link.hostKey, depth: outcome.job.depth + 1)
                    }
                }
                do {
                    try exports.record(outcome)
                } catch let error as TrawlError {
                    summary.failure = error
                    stopping = true
                    group.cancelAll()
                } catch {}
                summary.tally(outcome.record)
                counters.count(outcome.record, inFlight: frontier.inFlight, queued: frontier.queued)
            }
        }
        return summary
    }
}
