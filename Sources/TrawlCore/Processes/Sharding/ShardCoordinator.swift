#if canImport(Glibc)
import Glibc
import TrawlFetch
import TrawlURL

/// The parent of `--mode processes`. Starts one `trawl crawl-worker` per
/// shard, hands each its settings and seeds, routes the links each finds
/// for other shards' hosts to their owners, writes every page into the one
/// set of exports (so the files look exactly like a single-process run's),
/// and decides with a `TerminationDetector` when the crawl is over.
///
/// Everything arrives on one event stream (each worker's messages in
/// order, the end of each worker's output, Ctrl-C), handled by one task,
/// so the exports and the detector need no lock.
///
/// **A worker that dies** (killed, crashed, broken pipe) is noticed at
/// once: its output pipe ends. The coordinator reports which shard, which
/// pid and how it ended, stops the other workers, keeps every page they
/// finish while stopping, and ends the crawl with valid partial outputs
/// and `.workerFailed`. It does not restart the shard: the pages a worker
/// had queued, and the links it found for its own hosts, lived only in
/// that worker.
enum ShardCoordinator {
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
    }

    /// How long stopped workers get to cancel their transfers and exit
    /// before they are killed.
    static let stopGracePeriod: Duration = .seconds(10)

    static func drive(
        seeds: [WebURL], options: CrawlOptions, exports: CrawlExports,
        counters: LiveCounters, workers: WorkerProcesses, stopRequest: StopRequest
    ) async throws -> DriveSummary {
        let children = try spawnWorkers(options)
        for child in children { workers.add(child.pid) }
        // The mailbox, unlike an AsyncStream, keeps delivering after Ctrl-C
        // cancels this task: Ctrl-C arrives as `.interrupted`, and the
        // coordinator still drains every worker's pipe to the end.
        let mailbox = EventMailbox<Event>()
        for (shard, child) in children.enumerated() {
            // Unstructured, so cancellation cannot cut a pipe short; each
            // ends once its worker has been reaped, and the coordinator
            // waits for every `.exited`, so none outlives the crawl.
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
        // Relays a crawl-wide limit into the mailbox; cancelled at the end.
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
        var coordination = Coordination(children: children, options: options, exports: exports, counters: counters, mailbox: mailbox)
        await withTaskCancellationHandler {
            coordination.start(seeds: seeds, options: options)
            while !coordination.allExited {
                coordination.handle(await mailbox.next())
            }
        } onCancel: {
            mailbox.post(.interrupted)
        }
        coordination.watchdog?.cancel()
        var summary = coordination.summary
        summary.workerUsage = children.compactMap(\.resourceUsage)
        return summary
    }

    /// Starts every worker, or none: if one cannot start, those already
    /// started are killed and reaped before the error is thrown.
    private static func spawnWorkers(_ options: CrawlOptions) throws -> [ChildProcess] {
        guard let executable = options.workerExecutable ?? ChildProcess.currentExecutablePath else {
            throw TrawlError(.spawnFailed, "cannot find trawl's own executable (/proc/self/exe) to start the workers of --mode processes")
        }
        var children: [ChildProcess] = []
        do {
            for _ in 0..<options.workers {
                children.append(try ChildProcess.spawn(executablePath: executable, arguments: ["crawl-worker"]))
            }
        } catch {
            for child in children { child.kill(signal: SIGKILL) }
            throw error
        }
        return children
    }
}

/// The coordinator's state, owned by its one task.
private struct Coordination {
    let children: [ChildProcess]
    let map: ShardMap
    let maxPages: Int?
    let exports: CrawlExports
    let counters: LiveCounters
    let mailbox: EventMailbox<ShardCoordinator.Event>
    var detector: TerminationDetector
    var summary = DriveSummary()
    var stopping = false
    var stopSent: [Bool]
    /// Whether each worker's output has ended, and whether it ended after
    /// `stop` without a read error (the orderly way).
    var outputEnded: [Bool]
    var endedInOrder: [Bool]
    var exited: [Bool]
    var watchdog: Task<Void, Never>?
    /// Each worker's latest refusal totals (they only grow).
    var refusalsByShard: [RefusalCounts]
    /// Each worker's body budget use, sent as it stops.
    var bodyBudgetByShard: [BodyBudget.Stats?]

    init(children: [ChildProcess], options: CrawlOptions, exports: CrawlExports, counters: LiveCounters,
         mailbox: EventMailbox<ShardCoordinator.Event>) {
        self.children = children
        map = ShardMap(shards: children.count)
        maxPages = options.limits.maxPages
        self.exports = exports
        self.counters = counters
        self.mailbox = mailbox
        detector = TerminationDetector(shards: children.count)
        stopSent = Array(repeating: false, count: children.count)
        outputEnded = stopSent
        endedInOrder = stopSent
        exited = stopSent
        refusalsByShard = Array(repeating: RefusalCounts(), count: children.count)
        bodyBudgetByShard = Array(repeating: nil, count: children.count)
    }

    var allExited: Bool { exited.allSatisfy { $0 } }

    /// Configures every worker, sends each the seeds it owns, and announces
    /// the first depth ceiling.
    mutating func start(seeds: [WebURL], options: CrawlOptions) {
        for shard in children.indices {
            let settings = WorkerSettings(shard: shard, options: options, seeds: seeds)
            do {
                send(.configure(try settings.encoded()), to: shard)
            } catch {
                fail(TrawlError(.protocolViolation, "could not encode the settings of worker \(shard): \(error)"))
                return
            }
        }
        route(seeds.map { DiscoveredURL(url: $0.href, hostKey: $0.origin, depth: 0) })
        announceCeiling()
    }

    mutating func handle(_ event: ShardCoordinator.Event) {
        switch event {
        case .message(let shard, let message):
            handle(message, from: shard)
        case .outputEnded(let shard, let readError):
            outputEnded[shard] = true
            endedInOrder[shard] = stopSent[shard] && readError == nil
            if let readError {
                fail(TrawlError(.workerFailed, "the pipe from \(name(of: shard)) broke: \(readError.description)"))
            }
            // Stop the others now; how this one ended is told once reaped.
            if !endedInOrder[shard] { stop() }
        case .exited(let shard, let status):
            exited[shard] = true
            if !(endedInOrder[shard] && status.isSuccess) {
                let how = if case .signalled = status { "was \(status)" } else { status.description }
                fail(TrawlError(.workerFailed,
                    "\(name(of: shard)) \(how) before the crawl was over; stopped the crawl: the outputs keep every page finished so far, the URLs still queued in that shard were not fetched"))
            }
        case .interrupted:
            if summary.stopReason == nil { summary.stopReason = "interrupted" }
            stop()
        case .limitReached(let reason):
            if !stopping && summary.stopReason == nil { summary.stopReason = reason }
            stop()
        case .stopTimedOut:
            for shard in children.indices where !exited[shard] {
                Self.warn("\(name(of: shard)) did not exit within \(ShardCoordinator.stopGracePeriod) of stop; killing it")
                children[shard].kill(signal: SIGKILL)
            }
        }
    }

    private mutating func handle(_ message: ShardMessage, from shard: Int) {
        switch message {
        case .page(let page):
            record(page)
        case .links(let urls):
            // Once stopping, nothing new is fetched: links go nowhere.
            if !stopping { route(urls) }
        case .status(let status):
            do {
                try detector.received(status, from: shard)
            } catch {
                fail(error)
                return
            }
            guard !stopping else { return }
            announceCeiling()
            if detector.isFinished { stop() }
        case .robots(let sitemaps):
            summary.robotsFetched += 1
            summary.sitemaps.formUnion(sitemaps)
        case .refusals(let counts):
            refusalsByShard[shard] = counts
            summary.refusals = refusalsByShard.reduce(into: RefusalCounts()) { $0.add($1) }
        case .bodyBudget(let stats):
            bodyBudgetByShard[shard] = stats
            summary.bodyBudget = BodyBudget.Stats.total(of: bodyBudgetByShard.compactMap { $0 })
        case .failed(let reason):
            fail(TrawlError(.workerFailed, "\(name(of: shard)) failed: \(reason)"))
        case .configure, .discover, .depthCeiling, .stop:
            fail(TrawlError(.protocolViolation, "\(name(of: shard)) sent a \(message.name) message, which only the coordinator sends"))
        }
    }

    private mutating func record(_ page: PageMessage) {
        // Pages fetched after `--max-pages` was reached (each worker may
        // have had fetches in flight) are dropped, so the output holds
        // exactly `--max-pages` pages as in every other mode.
        if let maxPages, summary.pages >= maxPages { return }
        do {
            try exports.record(page)
        } catch {
            if summary.failure == nil { summary.failure = error as? TrawlError ?? TrawlError(.writeFailed, "\(error)") }
            stop()
            return
        }
        summary.tally(page.record)
        counters.count(page.record, inFlight: 0, queued: 0)
        if let maxPages, summary.pages >= maxPages {
            // Work left in any shard: the budget, not the web, ended it.
            if !stopping && summary.stopReason == nil && !detector.isFinished { summary.stopReason = "max-pages" }
            stop()
        }
    }

    /// Sends each URL to the shard that owns its host, one batch per shard.
    private mutating func route(_ urls: [DiscoveredURL]) {
        var batches = [[DiscoveredURL]](repeating: [], count: children.count)
        for url in urls { batches[map.shard(ofHostKey: url.hostKey)].append(url) }
        for (shard, urls) in batches.enumerated() where !urls.isEmpty {
            for batch in DiscoveredURL.batches(urls) {
                detector.sentBatch(batch, to: shard)
                send(.discover(batch), to: shard)
            }
        }
    }

    private mutating func announceCeiling() {
        guard let ceiling = detector.takeCeilingIncrease() else { return }
        for shard in children.indices { send(.depthCeiling(ceiling), to: shard) }
    }

    /// Records the first failure and stops the crawl.
    private mutating func fail(_ error: TrawlError) {
        if summary.failure == nil {
            summary.failure = error
            summary.stopReason = error.code == .workerFailed || error.code == .protocolViolation ? "worker-failed" : summary.stopReason
        }
        stop()
    }

    /// Tells every live worker to stop (cancel its transfers, send the
    /// pages that finish, exit) and arms the watchdog that kills any that
    /// do not.
    private mutating func stop() {
        guard !stopping else { return }
        stopping = true
        for shard in children.indices where !outputEnded[shard] {
            send(.stop, to: shard)
            stopSent[shard] = true
            children[shard].closeInput()
        }
        watchdog = Task { [mailbox] in
            guard (try? await Task.sleep(for: ShardCoordinator.stopGracePeriod)) != nil else { return }
            mailbox.post(.stopTimedOut)
        }
    }

    private func send(_ message: ShardMessage, to shard: Int) {
        guard !outputEnded[shard] else { return }
        // A worker that has gone cannot be written to; the end of its
        // output, already on its way, reports how it ended.
        try? children[shard].send(message)
    }

    /// "worker 2 of 3 (pid 1234)": numbered from 1 for people.
    private func name(of shard: Int) -> String {
        "worker \(shard + 1) of \(children.count) (pid \(children[shard].pid))"
    }

    private static func warn(_ text: String) {
        let line = "trawl: \(text)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
#endif
