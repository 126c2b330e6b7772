import Foundation
import TrawlExtract
import TrawlFetch

/// Runs one crawl: seeds into the frontier, jobs out to the strategy's
/// workers, outcomes back into the frontier and the exports, until nothing
/// is queued or in flight, or the task is cancelled (Ctrl-C), or a write
/// fails. The mode picks a `CrawlTopology` (one process, or a coordinator
/// and worker processes); the checks, the exports, progress and the report
/// are the same for all, and the report covers the whole process tree.
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

    /// Runs the crawl, or with `resume` continues the one whose journal is
    /// in `options.outputDirectory` (`options` and `seeds` then are the
    /// recorded ones, as `CrawlResume` checked them).
    public static func run(
        seeds: SeedList, options: CrawlOptions, progress: ProgressHandler? = nil, resume: Bool = false
    ) async throws -> Result {
        try seeds.requireSeeds()
        try validate(options)
        try checkFileDescriptors(concurrency: options.concurrency)
        let logger = try options.log.makeLogger()
        // Last of the checks: a crawl refused for any other reason leaves
        // no output folder behind.
        let folder = try OutputFolder(claiming: options.outputDirectory, overwrite: options.overwriteOutput || resume,
                                      keeping: resume ? Set(OutputFolder.stateNames) : [])
        // The journal before any export: a crawl killed at its start leaves
        // either nothing or a journal `--resume` can continue.
        let state = try CrawlState.open(options: options, seeds: seeds, resume: resume)
        let exports: CrawlExports
        do {
            exports = try CrawlExports(folder: folder)
        } catch {
            await state?.checkpointer?.stop()
            throw error
        }

        let counters = LiveCounters()
        let workers = WorkerProcesses()
        let startedAt = Timestamp.nowSeconds()
        let clock = ContinuousClock()
        let start = clock.now
        let usageBefore = ResourceUsage.sample()
        let stopRequest = StopRequest()
        let limits = CrawlWideLimits(maxTime: options.maxTime, maxMemoryBytes: options.maxMemoryBytes)

        let drive: DriveSummary
        do {
            drive = try await withProgress(
                counters: counters, workers: workers, start: start, limits: limits, stopRequest: stopRequest, handler: progress
            ) {
                try await options.topology.drive(CrawlRun(
                    seeds: seeds.urls, options: options, exports: exports, counters: counters, workers: workers,
                    stopRequest: stopRequest, logger: logger,
                    journal: state.map { ($0.journal, $0.sitting, resume) }))
            }
        } catch {
            // The checkpoint thread ends with the sitting, however it ends.
            await state?.checkpointer?.stop()
            throw error
        }

        let sittingElapsed = clock.now - start
        var failure = drive.failure
        if let state {
            await state.checkpointer?.stop()
            do {
                try state.journal.closeSitting(state.closing(elapsed: sittingElapsed, pages: drive.pages))
            } catch {
                failure = failure ?? (error as? TrawlError)
            }
        }
        // A resumed crawl's report covers every sitting.
        let elapsed = sittingElapsed + (state?.earlierElapsed ?? .zero)
        // Every export that can be written is, whatever failed first; the
        // first failure is the one reported.
        let edgeSet = exports.finishGraph(keepingFirst: &failure)
        let own = ResourceUsage.sample()
        var report = RunReport(
            settings: .init(options: options, seeds: seeds),
            startedAt: Timestamp.iso8601UTC(startedAt),
            elapsedSeconds: elapsed.milliseconds / 1000,
            completed: drive.stopReason == nil && failure == nil,
            stopReason: drive.stopReason ?? failure.map { _ in "write-error" },
            pages: drive.pages,
            pagesPerSecond: elapsed > .zero ? Double(drive.pages) / (elapsed.milliseconds / 1000) : 0,
            bytes: drive.bytes,
            statusHistogram: drive.statuses,
            errors: drive.errors,
            latencyMs: LatencySummary(drive.latencies),
            resources: .init(
                ownUsage: own.since(usageBefore), workerUsage: drive.workerUsage, pages: drive.pages,
                peakThreads: max(counters.update { $0.peakThreads }, ResourceUsage.currentThreadCount()),
                peakTreeResidentBytes: counters.update { $0.peakTreeResidentBytes }),
            edgeSet: edgeSet)
        report.errorKinds = RunReport.errorKinds(of: drive.errors)
        if let state {
            report.sittings = state.earlier.count + 1
            report.fetchedAgain = state.earlier.filter(\.crashed).reduce(0) { $0 + $1.inFlight }
            if options.mode == .processes { report.workerRestarts = drive.workerRestarts }
        }
        report.retries = drive.retries
        report.refused = drive.refusals.byName
        if drive.linksTooLong > 0 { report.linksDropped["max-url-length"] = drive.linksTooLong }
        if drive.linksOverLimit > 0 { report.linksDropped["max-links-per-page"] = drive.linksOverLimit }
        if drive.regexTimeouts > 0 { report.linksDropped["regex-timeout"] = drive.regexTimeouts }
        if drive.parseLimited > 0 { report.pagesLimited["parse-limited"] = drive.parseLimited }
        if drive.titlesCut > 0 { report.pagesLimited["max-title-length"] = drive.titlesCut }
        report.credentialsStripped = drive.credentialsStripped
        report.bodyBudget = drive.bodyBudget
        if options.limits.obeyRobots {
            report.robots = .init(hostsFetched: drive.robotsFetched, sitemaps: drive.sitemaps.sorted())
        }
        do {
            try exports.writeReport(report)
        } catch let error as TrawlError {
            failure = failure ?? error
        }
        return Result(report: report, failure: failure)
    }

    /// Refuses settings that cannot make a crawl, naming the flag.
    static func validate(_ options: CrawlOptions) throws {
        guard options.mode == .processes else { return }
        guard options.workers >= 1 else {
            throw TrawlError(.badOption, "--workers must be at least 1 (got \(options.workers))")
        }
        guard options.concurrency >= options.workers else {
            throw TrawlError(.badOption, "--concurrency (\(options.concurrency)) must be at least --workers (\(options.workers)): it is split across the workers")
        }
    }

    /// Runs `body` while a side task samples the thread count of the
    /// process tree every 100 ms (often enough to catch the peak of the
    /// threads strategy), calls the progress handler every 500 ms, and asks
    /// the crawl to stop once a crawl-wide limit is reached.
    private static func withProgress<R: Sendable>(
        counters: LiveCounters, workers: WorkerProcesses, start: ContinuousClock.Instant,
        limits: CrawlWideLimits, stopRequest: StopRequest, handler: ProgressHandler?,
        _ body: () async throws -> R
    ) async throws -> R {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var tick = 0
                while !Task.isCancelled {
                    let tree = workers.isEmpty ? (threads: ResourceUsage.currentThreadCount(), residentBytes: 0) : workers.sampleTree()
                    let snapshot = counters.update { counters in
                        counters.peakThreads = max(counters.peakThreads, tree.threads)
                        counters.peakTreeResidentBytes = max(counters.peakTreeResidentBytes, tree.residentBytes)
                        return counters
                    }
                    let resident = workers.isEmpty ? ResourceUsage.currentRSSBytes() : max(tree.residentBytes, ResourceUsage.currentRSSBytes())
                    if let reason = limits.reached(elapsed: ContinuousClock.now - start, residentBytes: resident) {
                        stopRequest.request(reason)
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
