import Foundation
import TrawlFetch
import TrawlURL

/// What the parent of `--mode processes` decides, as a pure state machine
/// in the manner of async-http-client's: each event goes in, the actions
/// to perform come out, and no I/O happens here. `ShardCoordinator`
/// performs the actions (pipes, signals, the exports, a timer) and feeds
/// back what happened. Routing, termination, `--max-pages`, stopping and
/// worker failure are therefore tested without starting a process
/// (CoordinatorStateTests).
struct CoordinatorState {
    enum Event: Sendable {
        case message(shard: Int, ShardMessage)
        /// A worker's output ended (it is exiting, or its pipe broke).
        case outputEnded(shard: Int, readError: TrawlError?)
        /// A worker has been reaped.
        case exited(shard: Int, ExitStatus)
        /// Ctrl-C (the engine's task was cancelled).
        case interrupted
        /// A crawl-wide limit (`--max-time`, `--max-memory`) was reached.
        case limitReached(String)
        /// Workers told to stop have not all exited in time.
        case stopTimedOut
        /// A `.write` action succeeded.
        case written(PageMessage)
        /// A `.write` action failed.
        case writeFailed(TrawlError)
        /// A new worker took over `shard` (see `.restart`), as `pid`.
        case restarted(shard: Int, pid: Int32)
        /// No new worker could take over `shard`.
        case restartFailed(shard: Int, TrawlError)
        /// The journal's group commit fell due: the coordinator's own
        /// business, nothing here changes.
        case commitDue
    }

    enum Action: Sendable, Equatable {
        case send(ShardMessage, to: Int)
        /// Close the pipe into a worker: after `stop`, it has nothing more
        /// to read.
        case closeInput(shard: Int)
        /// Write a page into the exports (after the journal, when there is
        /// one, has committed it), then report `.written` or `.writeFailed`.
        case write(PageMessage)
        /// Keep a host's robots.txt rules in the journal.
        case recordRobots(RobotsNote)
        /// Start a worker for `shard` in place of the one that died: commit
        /// the journal, have the new worker rebuild the shard from it, then
        /// report `.restarted` (or `.restartFailed`).
        case restart(shard: Int)
        /// Post `.stopTimedOut` after `ShardCoordinator.stopGracePeriod`.
        case armStopTimer
        case kill(shard: Int)
        /// Tell the user (stderr): not an error of the crawl by itself.
        case warn(String)
    }

    /// A worker that dies this many times in a row (without a page in
    /// between) is in a crash loop: the crawl stops instead.
    static let crashLoopDeaths = 3

    let shards: Int
    private let map: ShardMap
    private let maxPages: Int?
    /// With a journal, a worker that dies is replaced; without one, its
    /// shard's queue is lost and the crawl stops.
    private let restartsWorkers: Bool
    /// "worker 2 of 3 (pid 1234)": how messages name a worker.
    private var pids: [Int32]
    /// Deaths of each shard's workers since it last delivered a page.
    private var deathsInARow: [Int]
    private var detector: TerminationDetector
    private(set) var summary = DriveSummary()
    private(set) var stopping = false
    private var stopSent: [Bool]
    /// Whether each worker's output has ended, and whether it ended after
    /// `stop` without a read error (the orderly way).
    private var outputEnded: [Bool]
    private var endedInOrder: [Bool]
    private var exited: [Bool]
    /// Pages handed to `.write` and not yet reported back: `--max-pages`
    /// counts them, so no more than the limit are ever written.
    private var writesPending = 0
    /// Each worker's latest refusal totals (they only grow).
    private var refusalsByShard: [RefusalCounts]
    /// Each worker's body budget use, sent as it stops.
    private var bodyBudgetByShard: [BodyBudget.Stats?]

    /// `summary` holds what earlier sittings recorded (`--resume`); then
    /// every worker rebuilds its shard from the journal, so none is sent
    /// seeds and each shard's depth is unknown until its first status.
    init(pids: [Int32], maxPages: Int?, restartsWorkers: Bool = false, resumed summary: DriveSummary? = nil) {
        shards = pids.count
        self.pids = pids
        self.maxPages = maxPages
        self.restartsWorkers = restartsWorkers
        deathsInARow = Array(repeating: 0, count: pids.count)
        map = ShardMap(shards: pids.count)
        detector = TerminationDetector(shards: pids.count)
        stopSent = Array(repeating: false, count: pids.count)
        outputEnded = stopSent
        endedInOrder = stopSent
        exited = stopSent
        refusalsByShard = Array(repeating: RefusalCounts(), count: pids.count)
        bodyBudgetByShard = Array(repeating: nil, count: pids.count)
        if let summary {
            self.summary = summary
            for shard in 0..<pids.count { detector.awaitNewWorker(shard: shard, floor: 0) }
        }
    }

    /// The crawl is over for the coordinator once every worker is reaped.
    var allExited: Bool { exited.allSatisfy { $0 } }

    /// Configures every worker with its settings (`configure` payloads,
    /// one per shard), sends each the seeds it owns (none when they
    /// rebuild their shards from a journal), and announces the first depth
    /// ceiling.
    mutating func start(configurations: [Data], seeds: [DiscoveredURL]) -> [Action] {
        precondition(configurations.count == shards, "one configuration per shard")
        var actions = configurations.enumerated().map { Action.send(.configure($1), to: $0) }
        route(seeds, into: &actions)
        announceCeiling(into: &actions)
        return actions
    }

    mutating func handle(_ event: Event) -> [Action] {
        var actions: [Action] = []
        switch event {
        case .message(let shard, let message):
            handle(message, from: shard, into: &actions)
        case .outputEnded(let shard, let readError):
            outputEnded[shard] = true
            endedInOrder[shard] = stopSent[shard] && readError == nil
            if !endedInOrder[shard] && canRestart(shard) {
                // Whatever broke its output (a crash, a garbled frame), the
                // worker is replaced once reaped; a SIGKILL makes sure it
                // goes. Until its successor reports, the shard is not
                // quiescent and keeps its smallest pending depth.
                detector.awaitNewWorker(shard: shard, floor: detector.minPendingDepth(of: shard))
                actions.append(.kill(shard: shard))
                return actions
            }
            if let readError {
                fail(TrawlError(.workerFailed, "the pipe from \(name(of: shard)) broke: \(readError.description)"), into: &actions)
            }
            // Stop the others now; how this one ended is told once reaped.
            if !endedInOrder[shard] { stop(into: &actions) }
        case .exited(let shard, let status):
            exited[shard] = true
            if !endedInOrder[shard] && canRestart(shard) {
                deathsInARow[shard] += 1
                if deathsInARow[shard] < Self.crashLoopDeaths {
                    let how = if case .signalled = status { "was \(status)" } else { status.description }
                    actions.append(.warn("\(name(of: shard)) \(how); starting another on its shard's journal"))
                    actions.append(.restart(shard: shard))
                    return actions
                }
                fail(TrawlError(.workerFailed,
                    "\(name(of: shard)) died \(deathsInARow[shard]) times in a row (last: \(status)): a crash loop; stopped the crawl: the outputs keep every page finished so far, and `trawl crawl --resume` continues it"),
                     into: &actions)
                return actions
            }
            if !(endedInOrder[shard] && status.isSuccess) {
                let how = if case .signalled = status { "was \(status)" } else { status.description }
                fail(TrawlError(.workerFailed,
                    "\(name(of: shard)) \(how) before the crawl was over; stopped the crawl: the outputs keep every page finished so far, the URLs still queued in that shard were not fetched"),
                     into: &actions)
            }
        case .interrupted:
            if summary.stopReason == nil { summary.stopReason = "interrupted" }
            stop(into: &actions)
        case .limitReached(let reason):
            if !stopping && summary.stopReason == nil { summary.stopReason = reason }
            stop(into: &actions)
        case .stopTimedOut:
            for shard in 0..<shards where !exited[shard] {
                actions.append(.warn("\(name(of: shard)) did not exit within \(ShardCoordinator.stopGracePeriod) of stop; killing it"))
                actions.append(.kill(shard: shard))
            }
        case .written(let page):
            writesPending -= 1
            summary.tally(page.record)
            if let maxPages, summary.pages >= maxPages {
                // Work left in any shard: the budget, not the web, ended it.
                if !stopping && summary.stopReason == nil && !detector.isFinished { summary.stopReason = "max-pages" }
                stop(into: &actions)
            }
        case .writeFailed(let error):
            writesPending -= 1
            if summary.failure == nil { summary.failure = error }
            stop(into: &actions)
        case .restarted(let shard, let pid):
            pids[shard] = pid
            outputEnded[shard] = false
            endedInOrder[shard] = false
            exited[shard] = false
            summary.workerRestarts += 1
            // The successor obeys the ceiling its predecessor was sent.
            if let ceiling = detector.announcedCeiling { send(.depthCeiling(ceiling), to: shard, into: &actions) }
            // Stopped while it was starting: it stops too.
            if stopping {
                actions.append(.send(.stop, to: shard))
                actions.append(.closeInput(shard: shard))
                stopSent[shard] = true
            }
        case .restartFailed(let shard, let error):
            fail(TrawlError(.workerFailed, "could not start another worker for shard \(shard + 1) of \(shards): \(error.description)"),
                 into: &actions)
        case .commitDue:
            break
        }
        return actions
    }

    /// Whether a worker of `shard` that died is replaced: with a journal,
    /// while the crawl goes on. (One that said why it failed has stopped
    /// the crawl: a successor would fail the same way.)
    private func canRestart(_ shard: Int) -> Bool {
        restartsWorkers && !stopping
    }

    private mutating func handle(_ message: ShardMessage, from shard: Int, into actions: inout [Action]) {
        switch message {
        case .page(let page):
            // Pages fetched after `--max-pages` was reached (each worker
            // may have had fetches in flight) are dropped, so the output
            // holds exactly `--max-pages` pages as in every other mode.
            if let maxPages, summary.pages + writesPending >= maxPages { return }
            writesPending += 1
            deathsInARow[shard] = 0
            actions.append(.write(page))
        case .links(let urls):
            // Once stopping, nothing new is fetched: links go nowhere.
            if !stopping { route(urls, into: &actions) }
        case .status(let status):
            do {
                try detector.received(status, from: shard)
            } catch {
                fail(error, into: &actions)
                return
            }
            guard !stopping else { return }
            announceCeiling(into: &actions)
            if detector.isFinished { stop(into: &actions) }
        case .robots(let note):
            summary.robotsFetched += 1
            summary.sitemaps.formUnion(note.sitemaps)
            if restartsWorkers { actions.append(.recordRobots(note)) }
        case .refusals(let counts):
            refusalsByShard[shard] = counts
            summary.refusals = refusalsByShard.reduce(into: RefusalCounts()) { $0.add($1) }
        case .bodyBudget(let stats):
            bodyBudgetByShard[shard] = stats
            summary.bodyBudget = BodyBudget.Stats.total(of: bodyBudgetByShard.compactMap { $0 })
        case .failed(let reason):
            fail(TrawlError(.workerFailed, "\(name(of: shard)) failed: \(reason)"), into: &actions)
        case .configure, .discover, .depthCeiling, .stop:
            fail(TrawlError(.protocolViolation, "\(name(of: shard)) sent a \(message.name) message, which only the coordinator sends"),
                 into: &actions)
        }
    }

    /// Sends each URL to the shard that owns its host, one batch per shard.
    private mutating func route(_ urls: [DiscoveredURL], into actions: inout [Action]) {
        var batches = [[DiscoveredURL]](repeating: [], count: shards)
        for url in urls { batches[map.shard(ofHostKey: url.hostKey)].append(url) }
        // A shard whose worker has gone gets nothing: links for it come
        // from pages the journal commits before its successor starts, and
        // the successor replays them.
        for (shard, urls) in batches.enumerated() where !urls.isEmpty && !outputEnded[shard] {
            for batch in DiscoveredURL.batches(urls) {
                detector.sentBatch(batch, to: shard)
                send(.discover(batch), to: shard, into: &actions)
            }
        }
    }

    private mutating func announceCeiling(into actions: inout [Action]) {
        guard let ceiling = detector.takeCeilingIncrease() else { return }
        for shard in 0..<shards { send(.depthCeiling(ceiling), to: shard, into: &actions) }
    }

    /// Records the first failure and stops the crawl.
    private mutating func fail(_ error: TrawlError, into actions: inout [Action]) {
        if summary.failure == nil {
            summary.failure = error
            if error.code == .workerFailed || error.code == .protocolViolation { summary.stopReason = "worker-failed" }
        }
        stop(into: &actions)
    }

    /// Tells every live worker to stop (cancel its transfers, send the
    /// pages that finish, exit) and arms the timer that kills any that do
    /// not.
    private mutating func stop(into actions: inout [Action]) {
        guard !stopping else { return }
        stopping = true
        for shard in 0..<shards where !outputEnded[shard] {
            actions.append(.send(.stop, to: shard))
            actions.append(.closeInput(shard: shard))
            stopSent[shard] = true
        }
        actions.append(.armStopTimer)
    }

    /// A worker whose output has ended cannot be written to; the end of its
    /// output, already on its way, reports how it ended.
    private func send(_ message: ShardMessage, to shard: Int, into actions: inout [Action]) {
        guard !outputEnded[shard] else { return }
        actions.append(.send(message, to: shard))
    }

    /// "worker 2 of 3 (pid 1234)": numbered from 1 for people.
    private func name(of shard: Int) -> String {
        "worker \(shard + 1) of \(shards) (pid \(pids[shard]))"
    }
}
