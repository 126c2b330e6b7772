import Logging
import TrawlURL

/// Where a crawl's frontier lives and who runs `CrawlLoop` over it: the one
/// choice `CrawlEngine.run` makes from `--mode`. Everything else (checks,
/// exports, progress, the report) is the same for every topology, so a
/// comparison of modes measures the topology alone. A new frontier (on
/// disk, in Redis) is a new topology, or a new frontier inside one.
protocol CrawlTopology: Sendable {
    func drive(_ crawl: CrawlRun) async throws -> DriveSummary
}

/// What every topology is given: the seeds and settings, and the shared
/// sinks of the run. Not Sendable: the exports belong to the one task that
/// drives the crawl.
struct CrawlRun {
    var seeds: [WebURL]
    var options: CrawlOptions
    var exports: CrawlExports
    var counters: LiveCounters
    /// Worker processes started, for the tree-wide thread and memory samples.
    var workers: WorkerProcesses
    var stopRequest: StopRequest
    var logger: Logger
    /// The crawl's journal (nil with `--no-state`), and whether this
    /// sitting resumes an earlier one.
    var journal: (journal: CrawlJournal, sitting: SittingCounters, resuming: Bool)?
}

extension CrawlOptions {
    var topology: any CrawlTopology {
        if let frontier { return RedisTopology(shared: frontier) }
        switch mode {
        case .processes: return ShardedTopology()
        case .async, .threads, .pool: return InProcessTopology()
        }
    }
}

/// One process: the in-memory `Frontier`, the strategy's worker, the loop.
struct InProcessTopology: CrawlTopology {
    func drive(_ crawl: CrawlRun) async throws -> DriveSummary {
        let parts = CrawlParts(options: crawl.options, seeds: crawl.seeds)
        var frontier = Frontier(limits: parts.limits)
        for seed in crawl.seeds { frontier.discover(seed.href, hostKey: seed.origin, depth: 0) }
        var host = InProcessCrawl(exports: crawl.exports, counters: crawl.counters, stopRequest: crawl.stopRequest,
                                  journal: crawl.journal?.journal, sitting: crawl.journal?.sitting)
        if let journal = crawl.journal, journal.resuming {
            try JournalReplay.replay(journal.journal, into: &frontier, host: &host)
        }
        var (summary, bodyBudget) = try await StrategyRunner.withWorker(
            parts.mode, concurrency: parts.concurrency, fetch: parts.fetch, processor: parts.processor
        ) { [frontier, host] worker in
            await InProcessDriver.drive(frontier: frontier, worker: worker, processor: parts.processor,
                                        concurrency: parts.concurrency, host: host, stopRequest: crawl.stopRequest,
                                        logger: crawl.logger)
        }
        summary.bodyBudget = bodyBudget
        return summary
    }
}

/// `--mode processes`: each worker process runs the loop over its shard's
/// frontier; this process coordinates them and writes the exports.
struct ShardedTopology: CrawlTopology {
    func drive(_ crawl: CrawlRun) async throws -> DriveSummary {
        try await ShardCoordinator.drive(crawl)
    }
}
