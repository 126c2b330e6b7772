import ArgumentParser

/// The checks `crawl` and `compare` make of the flags they share, so one
/// value means the same, and is refused with the same words, in both
/// (`compare` passes its values on to `crawl` runs).
enum SharedFlagRules {
    /// Far above what a file-descriptor limit allows (the engine refuses a
    /// concurrency the limit cannot hold), low enough that no count of
    /// sockets overflows.
    static let maxConcurrency = 1_000_000
    /// A process per shard: far more than any machine could use.
    static let maxWorkers = 1024
    static let maxTimeoutSeconds = 86_400.0

    static func checkConcurrency(_ concurrency: Int) throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1 (got \(concurrency))") }
        guard concurrency <= maxConcurrency else {
            throw ValidationError("--concurrency must be at most \(maxConcurrency) (got \(concurrency))")
        }
    }

    static func checkPerHost(_ perHost: Int) throws {
        guard perHost >= 1 else { throw ValidationError("--per-host must be at least 1 (got \(perHost))") }
    }

    static func checkWorkers(_ workers: Int) throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1 (got \(workers))") }
        guard workers <= maxWorkers else { throw ValidationError("--workers must be at most \(maxWorkers) (got \(workers))") }
    }

    /// libcurl counts whole milliseconds and reads 0 as "no timeout".
    static func checkTimeout(_ seconds: Double) throws {
        guard seconds.isFinite, seconds >= 0.001, seconds <= maxTimeoutSeconds else {
            throw ValidationError("--timeout must be between 0.001 and \(Int(maxTimeoutSeconds)) seconds (got \(seconds))")
        }
    }
}
