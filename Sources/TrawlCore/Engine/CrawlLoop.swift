import Logging
/// What differs around the crawl loop between one process and one shard
/// of `--mode processes`: where settled pages go (the exports, or messages
/// to the coordinator), what else arrives while the crawl runs (a
/// crawl-wide limit, or the coordinator's messages), and when the crawl is
/// over. Every method returns false to stop the crawl.
protocol CrawlLoopHost {
    associatedtype Frontier: CrawlFrontier
    /// What arrives on the loop's event stream besides finished jobs.
    associatedtype Message: Sendable

    /// A single process is done once nothing is in flight or due; a shard
    /// waits for the coordinator, which alone sees that every shard is.
    var endsWhenIdle: Bool { get }

    /// A job's outcome, settled into `frontier`.
    mutating func settled(_ settlement: Frontier.Settlement, of outcome: PageOutcome, frontier: Frontier) -> Bool

    mutating func received(_ message: Message, frontier: inout Frontier) -> Bool

    /// Called after each round of dispatch, before the loop waits; `now` is
    /// the time since the crawl began.
    mutating func dispatched(frontier: inout Frontier, stopping: Bool, now: Duration) -> Bool

    /// When the host wants the loop awake again even if nothing happens
    /// (a journal's group commit falling due), on the frontier's clock.
    var nextWakeUp: Duration? { get }

    /// The task running the loop was cancelled (Ctrl-C in one process).
    mutating func interrupted()
}

extension CrawlLoopHost {
    var nextWakeUp: Duration? { nil }
}

/// The one dispatch loop of every crawl: hands the frontier's due jobs to
/// the strategy's worker as child tasks, at most `concurrency` at once,
/// settles each outcome into the frontier, and sleeps until a finished job,
/// a politeness delay's end or a message, whichever comes first. One task
/// owns the frontier and the host, so neither needs a lock; every event
/// arrives in one mailbox, which (unlike an AsyncStream) goes on
/// delivering after the task is cancelled: Ctrl-C stops the crawl, and the
/// pages that finish while it stops are still settled and exported.
enum CrawlLoop {
    enum Event<Message: Sendable>: Sendable {
        /// A job ended; nil when it was cancelled mid-transfer.
        case finished(PageOutcome?)
        /// A host's politeness delay may have passed.
        case wakeUp
        case message(Message)
    }

    /// Runs until the host stops the crawl and every job in flight has
    /// ended, or (`endsWhenIdle`) until nothing is left to do. `watcher`,
    /// if given, runs beside the jobs and delivers one message when it
    /// returns; it is cancelled when the loop ends, and must then return
    /// (its message then wakes a loop whose task was cancelled).
    static func run<Host: CrawlLoopHost>(
        frontier: inout Host.Frontier, host: inout Host, worker: any CrawlWorker, processor: PageProcessor,
        concurrency: Int, events: EventMailbox<Event<Host.Message>>, logger: Logger,
        watcher: (@Sendable () async -> Host.Message)? = nil
    ) async {
        let clock = ContinuousClock()
        let start = clock.now
        // Discarding: jobs report through `events`, so the group need not
        // keep finished tasks until someone awaits them.
        await withDiscardingTaskGroup { group in
            var running = 0
            var stopping = false
            /// The earliest wake-up a sleeping child task stands for.
            var wakeUpAt: Duration?
            func stop() {
                guard !stopping else { return }
                stopping = true
                group.cancelAll()
            }
            if let watcher {
                group.addTask { events.post(.message(await watcher())) }
            }
            while true {
                if !stopping && Task.isCancelled {
                    host.interrupted()
                    stop()
                }
                while !stopping && running < concurrency, let job = frontier.next(at: clock.now - start) {
                    if job.kind.makesNoRequest {
                        let outcome = processor.disallowedOutcome(for: job)
                        CrawlLog.settled(outcome, stopping: false, logger: logger)
                        let settlement = frontier.settle(outcome, following: true, now: clock.now - start)
                        if !host.settled(settlement, of: outcome, frontier: frontier) { stop() }
                        continue
                    }
                    group.addTask { events.post(.finished(try? await worker.perform(job))) }
                    running += 1
                }
                if !stopping, let wake = [frontier.nextWakeUp, host.nextWakeUp].compactMap({ $0 }).min(),
                   wakeUpAt.map({ wake < $0 }) ?? true {
                    wakeUpAt = wake
                    group.addTask {
                        try? await clock.sleep(until: start + wake)
                        events.post(.wakeUp)
                    }
                }
                if !host.dispatched(frontier: &frontier, stopping: stopping, now: clock.now - start) { stop() }
                if running == 0 && (stopping || (host.endsWhenIdle && frontier.nextWakeUp == nil)) { break }
                switch await events.next() {
                case .finished(let outcome):
                    running -= 1
                    // A cancelled job has no outcome; one that finished
                    // while stopping is still settled, so no page is lost.
                    guard let outcome else { continue }
                    CrawlLog.settled(outcome, stopping: stopping, logger: logger)
                    let settlement = frontier.settle(outcome, following: !stopping, now: clock.now - start)
                    if !host.settled(settlement, of: outcome, frontier: frontier) { stop() }
                case .wakeUp:
                    wakeUpAt = nil
                case .message(let message):
                    if !host.received(message, frontier: &frontier) { stop() }
                }
            }
            // A sleeping wake-up or the watcher must not hold the crawl open.
            group.cancelAll()
        }
    }
}
