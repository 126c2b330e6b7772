import Logging

/// The driver of a single-process crawl: `CrawlLoop` over the in-memory
/// `Frontier`, with the exports and live counters as its host. One task
/// owns the frontier and the exports, so neither needs a lock.
enum InProcessDriver {
    /// `host` comes set up: with the journal, and the summary of the pages
    /// an earlier sitting recorded (`JournalReplay`).
    static func drive(
        frontier initial: Frontier, worker: any CrawlWorker, processor: PageProcessor, concurrency: Int,
        host initialHost: InProcessCrawl, stopRequest: StopRequest, logger: Logger
    ) async -> DriveSummary {
        var frontier = initial
        var host = initialHost
        await CrawlLoop.run(frontier: &frontier, host: &host, worker: worker, processor: processor,
                            concurrency: concurrency, events: EventMailbox(), logger: logger) {
            // Watches for a crawl-wide limit; cancelled with the loop.
            while !Task.isCancelled {
                if stopRequest.current != nil { break }
                try? await Task.sleep(for: StopRequest.pollInterval)
            }
            return .stopRequested
        }
        // Pages that finished while stopping are committed and exported too.
        _ = host.flush(frontier: frontier)
        var summary = host.summary
        if summary.stopReason == nil && frontier.stoppedByPageBudget { summary.stopReason = "max-pages" }
        summary.refusals = frontier.refusals
        return summary
    }
}

/// The host of a single-process crawl: a settled page goes to the exports
/// and into the summary; a crawl-wide limit or a failed write stops it.
/// With a journal, a page goes to the journal first, in group commits of
/// `JournalCommits.maxPages` pages or `maxDelay`, and reaches the exports
/// once committed: a page has its line only when a crash cannot lose it.
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
    var journal: CrawlJournal?
    /// This sitting's figures, committed with each group.
    var sitting: SittingCounters?
    /// Pages staged in the journal, exported once committed.
    private var uncommitted: [PageOutcome] = []
    /// When the oldest staged page was staged (on the loop's clock).
    private var stagedSince: Duration?
    /// The loop's clock at its latest round: a sitting's elapsed time as
    /// its last commit records it.
    private var lastNow: Duration = .zero

    init(exports: CrawlExports, counters: LiveCounters, stopRequest: StopRequest, journal: CrawlJournal? = nil,
         sitting: SittingCounters? = nil) {
        self.exports = exports
        self.counters = counters
        self.stopRequest = stopRequest
        self.journal = journal
        self.sitting = sitting
    }

    var endsWhenIdle: Bool { true }

    mutating func settled(_ disposition: FrontierFeedback.Disposition, of outcome: PageOutcome, frontier: Frontier) -> Bool {
        summary.note(disposition, outcome)
        if let journal {
            if case .robots = disposition { journal.stageRobots(RobotsNote(outcome)) }
            guard case .record = disposition else { return true }
            do {
                try journal.stage(outcome)
            } catch {
                summary.fail(error)
                return false
            }
            uncommitted.append(outcome)
            return uncommitted.count < JournalCommits.maxPages || flush(frontier: frontier)
        }
        guard case .record = disposition else { return true }
        return export(outcome, frontier: frontier)
    }

    /// Writes a page to the exports and counts it.
    private mutating func export(_ outcome: PageOutcome, frontier: Frontier) -> Bool {
        do {
            try exports.record(outcome)
        } catch {
            // Not in pages.jsonl, so not in the report's counts either.
            summary.fail(error)
            return false
        }
        summary.tally(outcome.record)
        counters.count(outcome.record, inFlight: frontier.inFlight, queued: frontier.queued)
        return true
    }

    /// Commits what the journal has staged, then exports its pages.
    mutating func flush(frontier: Frontier) -> Bool {
        guard let journal, journal.hasStaged else { return true }
        stagedSince = nil
        sitting?.pages += uncommitted.count
        sitting?.inFlight = frontier.inFlight
        sitting?.elapsedMilliseconds = Int64(lastNow.milliseconds)
        do {
            try journal.commit(counters: sitting ?? SittingCounters(startedAt: "", elapsedMilliseconds: 0, pages: 0, inFlight: 0))
        } catch {
            summary.fail(error)
            return false
        }
        let committed = uncommitted
        uncommitted.removeAll(keepingCapacity: true)
        for outcome in committed where !export(outcome, frontier: frontier) { return false }
        return true
    }

    var nextWakeUp: Duration? { stagedSince.map { $0 + JournalCommits.maxDelay } }

    mutating func received(_ message: Message, frontier: inout Frontier) -> Bool {
        guard let reason = stopRequest.current else { return true }
        summary.stop(reason)
        return false
    }

    mutating func dispatched(frontier: inout Frontier, stopping: Bool, now: Duration) -> Bool {
        lastNow = now
        guard let journal, journal.hasStaged else { return true }
        guard let since = stagedSince else {
            stagedSince = now
            return true
        }
        return now - since < JournalCommits.maxDelay || flush(frontier: frontier)
    }

    mutating func interrupted() { summary.stop("interrupted") }
}

/// How often the journal commits: a group is at most this many pages, or
/// this old. Measured on `make bench-journal` (20,000 pages at 256
/// connections): 32 pages or 20 ms costs no measurable pages/s (0.997x of
/// `--no-state`), where 256 pages or 100 ms cost 11 % (0.89x): pages held
/// back for long hold their exports, and the loop pays for them in bursts.
enum JournalCommits {
    static let maxPages = 32
    static let maxDelay: Duration = .milliseconds(20)
}
