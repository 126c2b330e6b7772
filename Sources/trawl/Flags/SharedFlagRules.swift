import ArgumentParser

/// The checks of the flags `crawl` and `compare` both take but declare
/// apart, because the values differ in kind (`compare` takes a list of
/// concurrencies) or in default (`--per-host`; see `StrategyFlags`): one
/// value is still refused in the same words in both (`compare` passes its
/// values on to `crawl` runs). Flags that mean the same in both are
/// declared once, in `StrategyFlags`, `ReachFlags` and `TransferFlags`.
enum SharedFlagRules {
    /// Far above what a file-descriptor limit allows (the engine refuses a
    /// concurrency the limit cannot hold), low enough that no count of
    /// sockets overflows.
    static let maxConcurrency = 1_000_000
    /// A process per shard: far more than any machine could use.
    static let maxWorkers = 1024

    static func checkConcurrency(_ concurrency: Int) throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1 (got \(concurrency))") }
        guard concurrency <= maxConcurrency else {
            throw ValidationError("--concurrency must be at most \(maxConcurrency) (got \(concurrency))")
        }
    }

    static func checkPerHost(_ perHost: Int) throws {
        guard perHost >= 1 else { throw ValidationError("--per-host must be at least 1 (got \(perHost))") }
    }
}
