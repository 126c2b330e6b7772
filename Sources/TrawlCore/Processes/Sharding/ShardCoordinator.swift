#if canImport(Glibc)
import Foundation
import Glibc
import TrawlFetch
import TrawlURL

/// The parent of `--mode processes`. Starts one `trawl crawl-worker` per
/// shard, hands each its settings and seeds, routes the links each finds
/// for other shards' hosts to their owners, writes every page into the one
/// set of exports (so the files look exactly like a single-process run's),
/// and ends the crawl when `TerminationDetector` says it is over.
///
/// The decisions live in `CoordinatorState`, which does no I/O; this type
/// performs its actions. Everything arrives on one event stream (each
/// worker's messages in order, the end of each worker's output, Ctrl-C),
/// handled by one task, so the exports and the state need no lock.
///
/// **The journal.** With one (the default), the coordinator keeps the
/// crawl's journal as a single process does: every page a worker sends,
/// with the links it followed, and every host's robots rules, committed in
/// groups before the page reaches the exports. `--resume` replays it here
/// into the exports, and in each worker into its shard.
///
/// **A worker that dies** (killed, crashed, broken pipe) is noticed at
/// once: its output pipe ends. With a journal, the coordinator commits what
/// it holds and starts another worker for the shard, which rebuilds the
/// shard from the journal: only the pages that worker had in flight are
/// fetched again. A shard whose workers die `crashLoopDeaths` times in a
/// row, or any death without a journal, stops the crawl with valid partial
/// outputs and `.workerFailed`.
enum ShardCoordinator {
    typealias Event = CoordinatorState.Event

    /// How long stopped workers get to cancel their transfers and exit
    /// before they are killed.
    static let stopGracePeriod: Duration = .seconds(10)

    static func drive(_ crawl: CrawlRun) async throws -> DriveSummary {
        let options = crawl.options
        guard let executable = options.workerExecutable ?? ChildProcess.currentExecutablePath else {
            throw TrawlError(.spawnFailed, "cannot find trawl's own executable (/proc/self/exe) to start the workers of --mode processes")
        }
        // A resumed crawl's exports and figures come back from the journal
        // first; its workers then rebuild their shards from the same pages.
        var resumed: DriveSummary?
        if let journal = crawl.journal, journal.resuming {
            var summary = DriveSummary()
            try JournalReplay.replayRecords(journal.journal, exports: crawl.exports, counters: crawl.counters,
                                            summary: &summary)
            resumed = summary
        }
        let replay = resumed.flatMap { _ in crawl.journal.map { replayPlan(of: $0.journal) } }
        let children = try spawnWorkers(executable: executable, count: options.workers)
        for child in children { crawl.workers.add(child.pid) }
        // The mailbox, unlike an AsyncStream, keeps delivering after Ctrl-C
        // cancels this task: Ctrl-C arrives as `.interrupted`, and the
        // coordinator still drains every worker's pipe to the end.
        let mailbox = EventMailbox<Event>()
        for (shard, child) in children.enumerated() { listen(to: child, as: shard, mailbox: mailbox) }
        // Relays a crawl-wide limit into the mailbox; cancelled at the end.
        let stopRequest = crawl.stopRequest
        let limitWatch = Task {
            while !Task.isCancelled {
                if let reason = stopRequest.current {
                    mailbox.post(.limitReached(reason))
                    return
                }
                try? await Task.sleep(for: StopRequest.pollInterval)
            }
        }
        defer { limitWatch.cancel() }
        let state = CoordinatorState(pids: children.map(\.pid), maxPages: options.limits.maxPages,
                                     restartsWorkers: crawl.journal != nil, resumed: resumed)
        var run = Run(crawl: crawl, executable: executable, children: children, mailbox: mailbox, state: state)
        await withTaskCancellationHandler {
            run.start(replay: replay)
            while !run.state.allExited {
                run.handle(await mailbox.next())
            }
        } onCancel: {
            mailbox.post(.interrupted)
        }
        run.finish()
        var summary = run.state.summary
        summary.workerUsage = run.everyChild.compactMap(\.resourceUsage)
        return summary
    }

    /// What a worker replays: the journal, through the last page committed.
    static func replayPlan(of journal: CrawlJournal) -> WorkerSettings.Replay {
        WorkerSettings.Replay(journalPath: journal.path, throughSequence: journal.lastSequence)
    }

    /// Forwards a worker's messages, then the end of its output, then its
    /// exit, to the mailbox. Unstructured, so cancellation cannot cut a
    /// pipe short; it ends once its worker has been reaped, and the
    /// coordinator waits for every `.exited`, so none outlives the crawl.
    static func listen(to child: ChildProcess, as shard: Int, mailbox: EventMailbox<Event>) {
        Task {
            var readError: TrawlError?
            do {
                for try await message in child.messages { mailbox.post(.message(shard: shard, message)) }
            } catch {
                readError = error as? TrawlError ?? TrawlError(.pipeFailed, "\(error)")
            }
            mailbox.post(.outputEnded(shard: shard, readError: readError))
            mailbox.post(.exited(shard: shard, await child.waitForExit()))
        }
    }

    /// Starts every worker, or none: if one cannot start, those already
    /// started are killed and reaped before the error is thrown.
    private static func spawnWorkers(executable: String, count: Int) throws -> [ChildProcess] {
        var children: [ChildProcess] = []
        do {
            for _ in 0..<count { children.append(try spawnWorker(executable: executable)) }
        } catch {
            for child in children { child.kill(signal: SIGKILL) }
            throw error
        }
        return children
    }

    static func spawnWorker(executable: String) throws -> ChildProcess {
        try ChildProcess.spawn(executablePath: executable, arguments: ["crawl-worker"])
    }
}

/// Performs `CoordinatorState`'s actions; owned by the coordinator's one
/// task.
private struct Run {
    let crawl: CrawlRun
    let executable: String
    /// The current worker of each shard.
    var children: [ChildProcess]
    /// Every worker started, for the report's resource usage.
    var everyChild: [ChildProcess]
    let mailbox: EventMailbox<ShardCoordinator.Event>
    var state: CoordinatorState
    var stopTimer: Task<Void, Never>?
    /// Pages staged in the journal, exported once it commits them.
    var uncommitted: [PageMessage] = []
    /// The pending `.commitDue`, armed when the first page of a group is
    /// staged.
    var commitTimer: Task<Void, Never>?
    var sitting: SittingCounters?
    let clock = ContinuousClock()
    let start: ContinuousClock.Instant

    init(crawl: CrawlRun, executable: String, children: [ChildProcess], mailbox: EventMailbox<ShardCoordinator.Event>,
         state: CoordinatorState) {
        self.crawl = crawl
        self.executable = executable
        self.children = children
        everyChild = children
        self.mailbox = mailbox
        self.state = state
        sitting = crawl.journal?.sitting
        start = clock.now
    }

    /// `replay`: the workers rebuild their shards from the journal
    /// (`--resume`) instead of being sent the seeds.
    mutating func start(replay: WorkerSettings.Replay?) {
        var configurations: [Data] = []
        for shard in children.indices {
            do {
                configurations.append(try settings(of: shard, replay: replay).encoded())
            } catch {
                // Cannot happen for settings that were decoded from flags;
                // a worker left unconfigured fails, and so ends the crawl.
                handle(.message(shard: shard, .failed("could not encode its settings: \(error)")))
                return
            }
        }
        let seeds = replay != nil ? [] : crawl.seeds.map { DiscoveredURL(url: $0.href, hostKey: $0.origin, depth: 0) }
        perform(state.start(configurations: configurations, seeds: seeds))
    }

    private func settings(of shard: Int, replay: WorkerSettings.Replay?) -> WorkerSettings {
        WorkerSettings(shard: shard, options: crawl.options, seeds: crawl.seeds, replay: replay)
    }

    mutating func handle(_ event: ShardCoordinator.Event) {
        if case .commitDue = event {
            commitTimer = nil
            commit()
            return
        }
        perform(state.handle(event))
    }

    /// The crawl is over: what the journal still holds is committed and
    /// exported, and no timer outlives it.
    mutating func finish() {
        stopTimer?.cancel()
        commitTimer?.cancel()
        commit()
    }

    private mutating func perform(_ actions: [CoordinatorState.Action]) {
        for action in actions {
            switch action {
            case .send(let message, let shard):
                // A worker that has gone cannot be written to; the end of
                // its output, already on its way, reports how it ended.
                try? children[shard].send(message)
            case .closeInput(let shard):
                children[shard].closeInput()
            case .write(let page):
                guard let journal = crawl.journal?.journal else {
                    export(page)
                    continue
                }
                do {
                    try journal.stage(page)
                } catch {
                    handle(.writeFailed(error))
                    continue
                }
                uncommitted.append(page)
                if uncommitted.count >= JournalCommits.maxPages {
                    commit()
                } else if commitTimer == nil {
                    commitTimer = Task { [mailbox] in
                        guard (try? await Task.sleep(for: JournalCommits.maxDelay)) != nil else { return }
                        mailbox.post(.commitDue)
                    }
                }
            case .recordRobots(let note):
                crawl.journal?.journal.stageRobots(note)
            case .restart(let shard):
                restart(shard)
            case .armStopTimer:
                stopTimer = Task { [mailbox] in
                    guard (try? await Task.sleep(for: ShardCoordinator.stopGracePeriod)) != nil else { return }
                    mailbox.post(.stopTimedOut)
                }
            case .kill(let shard):
                _ = children[shard].kill(signal: SIGKILL)
            case .warn(let text):
                let line = "trawl: \(text)\n"
                _ = line.withCString { write(2, $0, strlen($0)) }
            }
        }
    }

    /// Writes a page to the exports and reports how that went.
    private mutating func export(_ page: PageMessage) {
        do {
            try crawl.exports.record(page)
            crawl.counters.count(page.record, inFlight: 0, queued: 0)
            handle(.written(page))
        } catch {
            handle(.writeFailed(error as? TrawlError ?? TrawlError(.writeFailed, "\(error)")))
        }
    }

    /// Commits what the journal has staged, then exports its pages. A
    /// failed commit fails each of them: none reaches the exports.
    private mutating func commit() {
        guard let journal = crawl.journal?.journal, journal.hasStaged else { return }
        commitTimer?.cancel()
        commitTimer = nil
        let pages = uncommitted
        uncommitted.removeAll(keepingCapacity: true)
        sitting?.pages += pages.count
        let elapsed = clock.now - start
        sitting?.elapsedMilliseconds = Int64(elapsed.milliseconds)
        do {
            try journal.commit(counters: sitting ?? SittingCounters(startedAt: "", elapsedMilliseconds: 0, pages: 0, inFlight: 0))
        } catch {
            for _ in pages { handle(.writeFailed(error)) }
            return
        }
        for page in pages { export(page) }
    }

    /// Starts a worker for `shard` that rebuilds it from the journal,
    /// committed first so that it holds every page received so far.
    private mutating func restart(_ shard: Int) {
        guard let journal = crawl.journal?.journal else { return }
        commit()
        guard !state.stopping else { return }
        let child: ChildProcess
        let configuration: Data
        do {
            configuration = try settings(of: shard, replay: ShardCoordinator.replayPlan(of: journal)).encoded()
            child = try ShardCoordinator.spawnWorker(executable: executable)
        } catch {
            handle(.restartFailed(shard: shard, error as? TrawlError ?? TrawlError(.spawnFailed, "\(error)")))
            return
        }
        children[shard] = child
        everyChild.append(child)
        crawl.workers.add(child.pid)
        ShardCoordinator.listen(to: child, as: shard, mailbox: mailbox)
        try? child.send(.configure(configuration))
        handle(.restarted(shard: shard, pid: child.pid))
    }
}
#endif
