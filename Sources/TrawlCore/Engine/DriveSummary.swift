import TrawlFetch

/// What a crawl's driver gathered for the report, whichever strategy ran.
struct DriveSummary: Sendable {
    var latencies = LatencyRecorder()
    var bytes = 0
    var statuses: [String: Int] = [:]
    var errors: [String: Int] = [:]
    /// Why the crawl stopped early ("interrupted", "worker-failed"), nil
    /// when it ran out of work or reached `--max-pages`.
    var stopReason: String?
    var failure: TrawlError?
    /// `--mode processes`: each worker's own resource usage, from `wait4`.
    var workerUsage: [ResourceUsage] = []
    /// robots.txt files fetched (one per host), and their Sitemap: lines.
    var robotsFetched = 0
    var sitemaps: Set<String> = []
    /// Retries of transient failures, summed over the pages' records.
    var retries = 0
    /// Distinct URLs each frontier limit refused (every shard's, summed).
    var refusals = RefusalCounts()
    /// Links pages held that a per-page limit dropped, summed.
    var linksTooLong = 0
    var linksOverLimit = 0
    var regexTimeouts = 0
    var credentialsStripped = 0
    /// Pages a parse limit cut down, and pages whose title was cut.
    var parseLimited = 0
    var titlesCut = 0
    /// `--mode processes` with a journal: workers started in place of
    /// ones that died.
    var workerRestarts = 0
    /// How the fetchers used their body budgets (summed over workers).
    var bodyBudget: BodyBudget.Stats?

    var pages: Int { latencies.count }

    /// Why the crawl stops; the first reason given is the one reported.
    mutating func stop(_ reason: String) {
        if stopReason == nil { stopReason = reason }
    }

    /// A failure that stops the crawl (by default a write that failed):
    /// the first one is the one reported.
    mutating func fail(_ error: any Error, reason: String = "write-error") {
        failure = failure ?? (error as? TrawlError ?? TrawlError(.writeFailed, "\(error)"))
        stop(reason)
    }

    mutating func note(_ disposition: FrontierFeedback.Disposition, _ outcome: PageOutcome) {
        switch disposition {
        case .record, .retried, .redirected: break
        case .robots:
            robotsFetched += 1
            sitemaps.formUnion(outcome.sitemaps)
        }
    }

    mutating func tally(_ record: PageRecord) {
        latencies.record(milliseconds: record.elapsedMilliseconds)
        bytes += record.bytes
        statuses[record.status.map(String.init) ?? "none", default: 0] += 1
        if let error = record.error { errors[error, default: 0] += 1 }
        retries += record.retries
        linksTooLong += record.linksTooLong
        linksOverLimit += record.linksOverLimit
        regexTimeouts += record.regexTimeouts
        credentialsStripped += record.credentialsStripped
        if record.parseLimited { parseLimited += 1 }
        if record.titleLength != nil { titlesCut += 1 }
    }
}

extension LiveCounters {
    /// Counts one finished page for the progress line.
    func count(_ record: PageRecord, inFlight: Int, queued: Int) {
        update { counters in
            counters.pages += 1
            counters.bytes += record.bytes
            if record.error != nil { counters.errors += 1 }
            counters.inFlight = inFlight
            counters.queued = queued
        }
    }
}
