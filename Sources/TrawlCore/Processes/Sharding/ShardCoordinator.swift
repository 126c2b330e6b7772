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
/// **A worker that dies** (killed, crashed, broken pipe) is noticed at
/// once: its output pipe ends. The coordinator reports which shard, which
/// pid and how it ended, stops the other workers, keeps every page they
/// finish while stopping, and ends the crawl with valid partial outputs
/// and `.workerFailed`. It does not restart the shard: the pages a worker
/// had queued, and the links it found for its own hosts, lived only in
/// that worker.
enum ShardCoordinator {
    typealias Event = CoordinatorState.Event

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
        var run = Run(children: children, exports: exports, counters: counters, mailbox: mailbox,
                      state: CoordinatorState(pids: children.map(\.pid), maxPages: options.limits.maxPages))
        await withTaskCancellationHandler {
            run.start(seeds: seeds, options: options)
            while !run.state.allExited {
                run.handle(await mailbox.next())
            }
        } onCancel: {
            mailbox.post(.interrupted)
        }
        run.stopTimer?.cancel()
        var summary = run.state.summary
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

/// Performs `CoordinatorState`'s actions; owned by the coordinator's one
/// task.
private struct Run {
    let children: [ChildProcess]
    let exports: CrawlExports
    let counters: LiveCounters
    let mailbox: EventMailbox<ShardCoordinator.Event>
    var state: CoordinatorState
    var stopTimer: Task<Void, Never>?

    mutating func start(seeds: [WebURL], options: CrawlOptions) {
        var configurations: [Data] = []
        for shard in children.indices {
            do {
                configurations.append(try WorkerSettings(shard: shard, options: options, seeds: seeds).encoded())
            } catch {
                // Cannot happen for settings that were decoded from flags;
                // a worker left unconfigured fails, and so ends the crawl.
                handle(.message(shard: shard, .failed("could not encode its settings: \(error)")))
                return
            }
        }
        perform(state.start(configurations: configurations,
                            seeds: seeds.map { DiscoveredURL(url: $0.href, hostKey: $0.origin, depth: 0) }))
    }

    mutating func handle(_ event: ShardCoordinator.Event) {
        perform(state.handle(event))
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
                do {
                    try exports.record(page)
                    counters.count(page.record, inFlight: 0, queued: 0)
                    handle(.written(page))
                } catch {
                    handle(.writeFailed(error as? TrawlError ?? TrawlError(.writeFailed, "\(error)")))
                }
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
}
#endif
