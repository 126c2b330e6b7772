import Logging
import Foundation
import TrawlURL

/// The worker side of `--mode processes` (`trawl crawl-worker`): reads the
/// coordinator's messages from one descriptor, writes its own to another,
/// and crawls its shard with the in-process strategy it is told to use —
/// the same `StrategyRunner`, `CrawlWorker`s, `PageProcessor` and
/// `CrawlLoop` as a single-process crawl, over its `ShardFrontier`, with
/// `ShardCrawl` as the loop's host. A reader task posts the coordinator's
/// messages (and the end of its input) to the loop's mailbox.
public enum ShardWorker {
    /// What arrives from the coordinator. Indirect, so the loop's events
    /// stay a pointer wide: every in-flight job's task builds one.
    indirect enum Input: Sendable {
        case message(ShardMessage)
        /// The coordinator's pipe ended (it closed it or died), with the
        /// read error if it broke.
        case inputEnded(TrawlError?)
    }
    typealias Event = CrawlLoop.Event<Input>

    /// Runs one worker until the coordinator says stop or goes away.
    /// Returns the process exit code: 0 after an orderly stop, 1 when the
    /// worker could not crawl (after telling the coordinator why when it
    /// still can).
    public static func run(input: Int32, output: Int32) async -> Int32 {
        let writer = FrameWriter(fileDescriptor: output, peerName: "the coordinator")
        let messages: AsyncThrowingStream<ShardMessage, any Error>
        do {
            messages = try PipeReader.messages(fromFileDescriptor: input, peerName: "the coordinator")
        } catch {
            return fail(error.description, writer: writer)
        }
        let events = EventMailbox<Event>()
        // Not a child task: the driver ends the process without waiting
        // for a reader blocked on a coordinator that sends nothing more.
        let reader = Task {
            do {
                for try await message in messages { events.post(.message(.message(message))) }
                events.post(.message(.inputEnded(nil)))
            } catch {
                events.post(.message(.inputEnded(error as? TrawlError ?? TrawlError(.pipeFailed, "\(error)"))))
            }
        }
        defer { reader.cancel() }

        let first = await events.next()
        guard case .message(.message(.configure(let data))) = first else {
            if case .message(.inputEnded(let error?)) = first { return fail("\(error)", writer: writer) }
            return fail("the coordinator's first message was not configure", writer: writer)
        }
        let settings: WorkerSettings
        do {
            settings = try WorkerSettings.decode(data)
        } catch {
            return fail("\(error)", writer: writer)
        }
        let parts = settings.parts
        let logger: Logger
        do {
            logger = try settings.options.log.makeLogger()
        } catch {
            return fail("worker \(settings.shard + 1): \(error)", writer: writer)
        }
        var shard = ShardFrontier(shard: settings.shard, shards: settings.shards, limits: parts.limits)
        if let replay = settings.replay {
            do {
                let journal = try CrawlJournal.openForReplay(path: replay.journalPath)
                try JournalReplay.replay(journal, through: replay.throughSequence,
                                         seeds: settings.seeds.compactMap { WebURL($0) }, into: &shard)
            } catch {
                return fail("worker \(settings.shard + 1) could not rebuild its shard from \(replay.journalPath): \(error)", writer: writer)
            }
        }
        do {
            let (exitCode, bodyBudget) = try await StrategyRunner.withWorker(
                parts.mode, concurrency: parts.concurrency, fetch: parts.fetch, processor: parts.processor
            ) { worker in
                await drive(&shard, events: events, worker: worker, processor: parts.processor,
                            concurrency: parts.concurrency, writer: writer, logger: logger)
            }
            // Last: the coordinator reads until the pipe ends.
            if let bodyBudget { try? writer.send(contentsOf: [.bodyBudget(bodyBudget)]) }
            writer.close()
            return exitCode
        } catch {
            return fail("worker \(settings.shard + 1) could not start its \(parts.mode.rawValue) strategy: \(error)", writer: writer)
        }
    }

    private static func drive(
        _ shard: inout ShardFrontier, events: EventMailbox<Event>,
        worker: any CrawlWorker, processor: PageProcessor, concurrency: Int, writer: FrameWriter, logger: Logger
    ) async -> Int32 {
        var host = ShardCrawl(writer: writer)
        await CrawlLoop.run(frontier: &shard, host: &host, worker: worker, processor: processor,
                            concurrency: concurrency, events: events, logger: logger)
        // Refusals counted while stopping still belong in the report.
        if let refusals = shard.refusalsIfChanged() { try? writer.send(contentsOf: [refusals]) }
        return host.exitCode
    }

    /// Tells the coordinator (and stderr) why this worker cannot go on.
    private static func fail(_ reason: String, writer: FrameWriter) -> Int32 {
        log(reason)
        try? writer.send(.failed(reason))
        writer.close()
        return 1
    }

    /// One line on stderr with write(2): a closed or broken stderr loses
    /// the line instead of trapping (FileHandle.write traps on EPIPE/EBADF).
    static func log(_ text: String) {
        let line = "trawl crawl-worker \(getpid()): \(text)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}

/// The host of one shard's crawl: settled pages, routed links and status
/// go to the coordinator, in that order, which its termination detector
/// relies on; the coordinator's messages feed the frontier or stop the
/// crawl. A shard never ends by itself: only the coordinator sees that
/// every shard is idle.
struct ShardCrawl: CrawlLoopHost {
    let writer: FrameWriter
    /// 0 after an orderly stop, 1 when the worker could not go on.
    private(set) var exitCode: Int32 = 0
    private var outgoing: [ShardMessage] = []

    init(writer: FrameWriter) { self.writer = writer }

    var endsWhenIdle: Bool { false }

    mutating func settled(_ messages: [ShardMessage], of outcome: PageOutcome, frontier: ShardFrontier) -> Bool {
        outgoing += messages
        return true
    }

    mutating func received(_ input: ShardWorker.Input, frontier: inout ShardFrontier) -> Bool {
        switch input {
        case .message(.discover(let urls)):
            frontier.receive(urls)
            return true
        case .message(.depthCeiling(let ceiling)):
            frontier.raiseCeiling(to: ceiling)
            return true
        case .message(.stop):
            return false
        case .inputEnded(let error):
            if let error { ShardWorker.log("reading from the coordinator failed: \(error)") }
            exitCode = max(exitCode, error == nil ? 0 : 1)
            return false
        case .message(let message):
            outgoing.append(.failed("worker \(frontier.shard + 1) got an unexpected \(message.name) message from the coordinator"))
            exitCode = 1
            return false
        }
    }

    /// Sends what the round produced. Refusals go before the status: the
    /// coordinator has every count by the time it sees the shard idle.
    mutating func dispatched(frontier: inout ShardFrontier, stopping: Bool, now: Duration) -> Bool {
        if !stopping {
            if let refusals = frontier.refusalsIfChanged() { outgoing.append(refusals) }
            if let status = frontier.statusIfChanged() { outgoing.append(status) }
        }
        guard !outgoing.isEmpty else { return true }
        defer { outgoing.removeAll(keepingCapacity: true) }
        do {
            try writer.send(contentsOf: outgoing)
            return true
        } catch {
            // Say why, on stderr and (when the pipe still works, e.g. a
            // message that could not be framed) to the coordinator; then
            // stop: nobody can use our pages.
            ShardWorker.log("sending to the coordinator failed: \(error)")
            if error.code == .badFrame {
                try? writer.send(.failed("worker \(frontier.shard + 1): \(error)"))
            }
            exitCode = 1
            return false
        }
    }

    mutating func interrupted() {}
}
