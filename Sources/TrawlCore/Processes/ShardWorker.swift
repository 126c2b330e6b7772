import Foundation

/// The worker side of `--mode processes` (`trawl crawl-worker`): reads the
/// coordinator's messages from one descriptor, writes its own to another,
/// and crawls its shard with the in-process strategy it is told to use —
/// the same `StrategyRunner`, `CrawlWorker`s and `PageProcessor` as a
/// single-process crawl.
///
/// One driver task owns the `ShardFrontier`; fetches run as child tasks.
/// Every event (a finished fetch, a message from the coordinator, the end
/// of its input) arrives on one stream, so the driver needs no lock.
/// Messages out go in order page → links → status, which the
/// coordinator's termination detector relies on.
public enum ShardWorker {
    enum Event: Sendable {
        case outcome(PageOutcome?)
        case message(ShardMessage)
        /// A host's politeness delay may have passed.
        case wakeUp
        /// The coordinator's pipe ended (it closed it or died), with the
        /// read error if it broke.
        case inputEnded(TrawlError?)
    }

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
        let (events, sink) = AsyncStream.makeStream(of: Event.self)
        // Not a child task: the driver ends the process without waiting
        // for a reader blocked on a coordinator that sends nothing more.
        let reader = Task {
            do {
                for try await message in messages { sink.yield(.message(message)) }
                sink.yield(.inputEnded(nil))
            } catch {
                sink.yield(.inputEnded(error as? TrawlError ?? TrawlError(.pipeFailed, "\(error)")))
            }
        }
        defer { reader.cancel() }
        var iterator = events.makeAsyncIterator()

        let first = await iterator.next()
        guard case .message(.configure(let data))? = first else {
            if case .inputEnded(let error?)? = first { return fail("\(error)", writer: writer) }
            return fail("the coordinator's first message was not configure", writer: writer)
        }
        let settings: WorkerSettings
        do {
            settings = try WorkerSettings.decode(data)
        } catch {
            return fail("\(error)", writer: writer)
        }
        let parts = settings.parts
        var shard = ShardFrontier(shard: settings.shard, shards: settings.shards, limits: parts.limits)
        do {
            let (exitCode, bodyBudget) = try await StrategyRunner.withWorker(
                parts.mode, concurrency: parts.concurrency, fetch: parts.fetch, processor: parts.processor
            ) { worker in
                await drive(&shard, events: &iterator, sink: sink, worker: worker, processor: parts.processor,
                            concurrency: parts.concurrency, writer: writer)
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
        _ shard: inout ShardFrontier, events: inout AsyncStream<Event>.Iterator, sink: AsyncStream<Event>.Continuation,
        worker: any CrawlWorker, processor: PageProcessor, concurrency: Int, writer: FrameWriter
    ) async -> Int32 {
        let clock = ContinuousClock()
        let start = clock.now
        // Discarding: fetch tasks report through `sink`, so the group need
        // not keep finished tasks until someone awaits them (a plain
        // TaskGroup would hold every finished task of the crawl).
        return await withDiscardingTaskGroup { group in
            var running = 0
            var stopping = false
            var exitCode: Int32 = 0
            var outgoing: [ShardMessage] = []
            /// The earliest wake-up a sleeping child task stands for.
            var wakeUpAt: Duration?
            if let status = shard.statusIfChanged() { outgoing.append(status) }
            func stop(exitCode code: Int32) {
                if !stopping { group.cancelAll() }
                stopping = true
                exitCode = max(exitCode, code)
            }
            while true {
                if !stopping {
                    while running < concurrency, let job = shard.next(at: clock.now - start) {
                        if job.kind.makesNoRequest {
                            outgoing += shard.complete(processor.disallowedOutcome(for: job), following: true,
                                                       now: clock.now - start)
                            continue
                        }
                        group.addTask { sink.yield(.outcome(try? await worker.perform(job))) }
                        running += 1
                    }
                    if let wake = shard.nextWakeUp, wakeUpAt.map({ wake < $0 }) ?? true {
                        wakeUpAt = wake
                        group.addTask {
                            try? await clock.sleep(until: start + wake)
                            sink.yield(.wakeUp)
                        }
                    }
                    // Before the status: the coordinator has every count by
                    // the time it sees the shard idle.
                    if let refusals = shard.refusalsIfChanged() { outgoing.append(refusals) }
                    if let status = shard.statusIfChanged() { outgoing.append(status) }
                }
                if !outgoing.isEmpty {
                    do {
                        try writer.send(contentsOf: outgoing)
                    } catch {
                        // Say why, on stderr and (when the pipe still works,
                        // e.g. a message that could not be framed) to the
                        // coordinator; then stop: nobody can use our pages.
                        Self.log("sending to the coordinator failed: \(error)")
                        if (error as? TrawlError)?.code == .badFrame { try? writer.send(.failed("worker \(shard.shard + 1): \(error)")) }
                        stop(exitCode: 1)
                    }
                    outgoing.removeAll(keepingCapacity: true)
                }
                if stopping && running == 0 { break }
                guard let event = await events.next() else { break }
                switch event {
                case .outcome(let outcome):
                    running -= 1
                    // A cancelled fetch has no outcome; a page that finished
                    // while stopping is still sent, so no finished page is lost.
                    if let outcome { outgoing += shard.complete(outcome, following: !stopping, now: clock.now - start) }
                case .wakeUp:
                    wakeUpAt = nil
                case .message(.discover(let urls)):
                    shard.receive(urls)
                case .message(.depthCeiling(let ceiling)):
                    shard.raiseCeiling(to: ceiling)
                case .message(.stop):
                    stop(exitCode: 0)
                case .inputEnded(let error):
                    if let error { Self.log("reading from the coordinator failed: \(error)") }
                    stop(exitCode: error == nil ? 0 : 1)
                case .message(let message):
                    outgoing.append(.failed("worker \(shard.shard + 1) got an unexpected \(message.name) message from the coordinator"))
                    stop(exitCode: 1)
                }
            }
            // Refusals counted while stopping still belong in the report.
            if let refusals = shard.refusalsIfChanged() { try? writer.send(contentsOf: [refusals]) }
            return exitCode
        }
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
    private static func log(_ text: String) {
        let line = "trawl crawl-worker \(getpid()): \(text)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
    }
}
