import ArgumentParser
import TrawlCore

/// The strategy of `trawl crawl` and how many transfers it runs at once
/// (the worker flags, which `compare` takes too, are `StrategyFlags`).
struct CrawlSpeedFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Concurrency strategy.",
        discussion: """
            async: one libcurl multi event loop, every transfer awaited from a task (asyncio + aiohttp). \
            threads: a new OS thread per request, blocking curl_easy_perform (threading.Thread per task). \
            pool: --concurrency long-lived threads pulling from one queue (ThreadPoolExecutor). \
            processes: --workers child processes, each owning the hosts whose stable hash falls in its \
            shard and running --worker-mode inside; links to other shards' hosts are routed through \
            the parent (multiprocessing). Every mode uses the same frontier, extraction and exports.
            """))
    var mode: CrawlOptions.Mode = .async

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Transfers in flight at most, all hosts together (threads: request threads alive; pool: pool size).",
        discussion: "processes: split evenly across the workers (100 over 3 workers: 34, 33, 33), so the total is the same in every mode."))
    var concurrency: Int = 64

    @Option(name: .customLong("per-host"), parsing: .unconditional, help: ArgumentHelp(
        "Transfers in flight at most per host (scheme://host:port).",
        discussion: "processes: applies unchanged inside each worker, since every host belongs to exactly one worker."))
    var perHost: Int = 8

    func validate() throws {
        try SharedFlagRules.checkConcurrency(concurrency)
        try SharedFlagRules.checkPerHost(perHost)
    }
}
