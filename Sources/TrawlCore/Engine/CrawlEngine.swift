import Foundation
import TrawlFetch

/// Runs one crawl: seeds into the frontier, jobs out to the strategy's
/// workers, outcomes back into the frontier and the exports, until nothing
/// is queued or in flight, or the task is cancelled (Ctrl-C), or a write
/// fails. One driver task alone owns the frontier and the output files, so
/// neither needs a lock; workers run concurrently in a task group bounded
/// by `--concurrency`.
public enum CrawlEngine {
    /// The finished run: its report (also written as report.json) and, when
    /// the crawl stopped on an error (a write failure), that error. Exports
    /// are valid either way.
    public struct Result: Sendable {
        public var report: RunReport
        public var failure: TrawlError?
    }

    /// Live numbers for a progress display, reported about twice a second.
    public typealias ProgressHandler = @Sendable (CrawlCounters, Duration) -> Void

    public static func run(
        seeds: SeedList, options: CrawlOptions, progress: ProgressHandler? = nil
    ) async throws -> Result {
        try seeds.requireSeeds()
        let exports = try CrawlExports(directory: options.outputDirectory)
        var fetch = options.fetch
        fetch.maxConnections = max(fetch.maxConnections, options.concurrency)
        try checkFileDescriptors(concurrency: options.concurrency)

        let scope = CrawlScope(rule: options.scopeRule, seeds: seeds.urls, allow: options.allow, deny: options.deny)
        let processor = PageProcessor(scope: scope, includeOutOfScopeEdges: options.includeOutOfScopeEdges)
        var frontier = Frontier(limits: options.limits)
        for seed in seeds.urls { frontier.discover(seed.href, hostKey: seed.origin, depth: 0) }

        let counters = LiveCounters()
        let startedAt = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let usageBefore = ResourceUsage.sample()

        let drive = try await withProgress(counters: counters, start: start, handler: progress) {
            try await runStrategy(options.mode, concurrency: options.concurrency, fetch: fetch, processor: processor) { worker in
                await driveCrawl(frontier: frontier, worker: worker, concurrency: options.concurrency,
                                 exports: exports, counters: counters)
            }
        }

        let elapsed = clock.now - start
        var failure = drive.failure
        var edgeSet = RunReport.EdgeSet(edges: 0, nodes: 0, sha256: "")
        do {
            edgeSet = try exports.finishGraph()
        } catch let error as TrawlError {
            failure = failure ?? error
        }
        let usage = ResourceUsage.sample()
        let pages = drive.latencies.count
        let cpu = usage.cpuSeconds - usageBefore.cpuSeconds
        let peakThreads = max(counters.update { $0.peakThreads }, ResourceUsage.currentThreadCount())
        let report = RunReport(
            settings: .init(
                mode: options.mode.rawValue, concurrency: options.concurrency, perHost: options.limits.perHost,
                maxDepth: options.limits.maxDepth, maxPages: options.limits.maxPages,
                scope: options.scopeRule.rawValue, seedsFile: seeds.path, seeds: seeds.urls.count),
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            elapsedSeconds: elapsed.milliseconds / 1000,
            completed: drive.stopReason == nil && failure == nil,
            stopReason: drive.stopReason ?? failure.map { _ in "write-error" },
            pages: pages,
            pagesPerSecond: elapsed > .zero ? Double(pages) / (elapsed.milliseconds / 1000) : 0,
            bytes: drive.bytes,
            statusHistogram: drive.statuses,
            errors: drive.errors,
            latencyMs: LatencySummary(milliseconds: drive.latencies),
            resources: .init(
                cpuUserSeconds: usage.userSeconds - usageBefore.userSeconds,
                cpuSystemSeconds: usage.systemSeconds - usageBefore.systemSeconds,
                cpuSecondsPer1000Pages: pages > 0 ? cpu / Double(pages) * 1000 : 0,
                peakRSSBytes: usage.peakRSSBytes, peakThreads: peakThreads, processes: 1),
            edgeSet: edgeSet)
        do {
            try exports.writeReport(report)
        } catch let error as TrawlError {
            failure = failure ?? error
        }
        return Result(report: report, failure: failure)
    }

    /// Sets up the strategy's fetch machinery, hands its worker to `drive`,
    /// and tears the machinery down once nothing is in flight.
    private static func runStrategy(
        _ mode: CrawlOptions.Mode, concurrency: Int, fetch: FetchConfiguration, processor: PageProcessor,
        drive: (any CrawlWorker) async -> DriveSummary
    ) async throws -> DriveSummary {
        switch mode {
        case .async:
            return try await CurlMultiFetcher.withFetcher(fetch) { fetcher in
                await drive(AsyncWorker(fetcher: fetcher, processor: processor))
            }
        case .threads:
            let fetcher = try BlockingFetcher(fetch)
            return await drive(ThreadPerRequestWorker(fetcher: fetcher, processor: processor))
        case .pool:
            let pool = FetchThreadPool(threads: concurrency, fetcher: try BlockingFetcher(fetch))
            let summary = await drive(ThreadPoolWorker(pool: pool, processor: processor))
            pool.shutdown()
            return summary
        }
    }

    /// What the driver loop gathered, for the report.
    struct DriveSummary: Sendable {
        var latencies: [Double] = []
        var bytes = 0
        var statuses: [String: Int] = [:]
        var errors: [String: Int] = [:]
        /// Why the crawl stopped early ("interrupted"), nil when it ran out of work.
        var stopReason: String?
        var failure: TrawlError?
    }

    private static func driveCrawl(
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
                tally(outcome.record, into: &summary)
                let snapshot = (frontier.inFlight, frontier.queued)
                counters.update { counters in
                    counters.pages += 1
                    counters.bytes += outcome.record.bytes
                    if outcome.record.error != nil { counters.errors += 1 }
                    (counters.inFlight, counters.queued) = snapshot
                }
            }
        }
        return summary
    }

    private static func tally(_ record: PageRecord, into summary: inout DriveSummary) {
        summary.latencies.append(record.elapsedMilliseconds)
        summary.bytes += record.bytes
        summary.statuses[record.status.map(String.init) ?? "none", default: 0] += 1
        if let error = record.error { summary.errors[error, default: 0] += 1 }
    }

    /// Runs `body` while a side task samples the thread count every 100 ms
    /// (often enough to catch the peak of the threads strategy) and calls the
    /// progress handler every 500 ms.
    private static func withProgress<R: Sendable>(
        counters: LiveCounters, start: ContinuousClock.Instant, handler: ProgressHandler?,
        _ body: () async throws -> R
    ) async throws -> R {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var tick = 0
                while !Task.isCancelled {
                    let threads = ResourceUsage.currentThreadCount()
                    let snapshot = counters.update { counters in
                        counters.peakThreads = max(counters.peakThreads, threads)
                        return counters
                    }
                    if tick % 5 == 0 { handler?(snapshot, ContinuousClock.now - start) }
                    tick += 1
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// Raises the soft fd limit to the hard one and refuses a concurrency the
    /// limit cannot hold (each transfer needs a socket, plus idle cached
    /// connections, plus the process's own files).
    static func checkFileDescriptors(concurrency: Int) throws {
        let limit = FileDescriptorLimit.raiseSoftLimitToHard()
        let needed = concurrency * 2 + 64
        if limit.soft < needed {
            throw TrawlError(.resourceLimit,
                "--concurrency \(concurrency) needs about \(needed) file descriptors but the limit is \(limit.soft) (hard limit \(limit.hard)); lower --concurrency or raise `ulimit -n`")
        }
    }
}
