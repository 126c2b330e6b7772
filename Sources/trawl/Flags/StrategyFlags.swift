import ArgumentParser
import TrawlCore

/// The worker flags of `--mode processes`, which `crawl` and `compare`
/// share: declared once, so a value means the same and is refused in the
/// same words in both (`compare` passes them on to its `crawl` runs).
///
/// `--mode`, `--concurrency` and `--per-host` are not here, because they do
/// not mean the same in both: `crawl` runs one mode at one concurrency,
/// while `compare` takes lists of each (`--modes async,threads`,
/// `--concurrency 16,256`) to run every combination; and `crawl`'s
/// `--per-host` defaults to 8 (politeness), `compare`'s to each run's
/// concurrency (so that only the strategy bounds a run). Their values are
/// still checked by the same rules (`SharedFlagRules`).
struct StrategyFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: "processes: number of worker processes (shards).")
    var workers: Int = 2

    @Option(name: .customLong("worker-mode"), help: "processes: the strategy inside each worker (async, threads or pool).")
    var workerMode: CrawlOptions.InProcessMode = .async

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1 (got \(workers))") }
        guard workers <= SharedFlagRules.maxWorkers else {
            throw ValidationError("--workers must be at most \(SharedFlagRules.maxWorkers) (got \(workers))")
        }
    }
}
