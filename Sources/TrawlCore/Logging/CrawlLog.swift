import Logging

/// What the crawl loop logs of each settled outcome, in every mode: a
/// page's fetch and outcome at debug, a retry at debug, each redirect hop
/// and each robots.txt decision at trace. Fields go as metadata, so
/// `--log-format json` gives them as keys; a level below the logger's costs
/// one comparison.
enum CrawlLog {
    static func settled(_ outcome: PageOutcome, stopping: Bool, logger: Logger) {
        guard logger.logLevel <= .debug else { return }
        let job = outcome.job
        if job.kind == .robots {
            logger.trace("robots.txt read", metadata: [
                "url": "\(job.url)",
                "rules": "\(outcome.robots.map(describe) ?? "allow-all")",
                "crawl_delay": "\(outcome.robots?.crawlDelay.map { "\($0)" } ?? "")",
                "unavailable": "\(outcome.robotsUnavailable ?? "")",
            ])
            return
        }
        if let follow = outcome.redirect {
            logger.trace("redirect", metadata: [
                "url": "\(job.url)", "to": "\(follow.target)", "status": "\(follow.hop.statuses.last ?? 0)",
                "hop": "\(follow.hop.fetched.count)", "origin": "\(follow.hop.origin)",
            ])
            return
        }
        let record = outcome.record
        if !stopping, let wait = outcome.retryAfter {
            logger.debug("retry", metadata: [
                "url": "\(record.url)", "status": "\(record.status.map(String.init) ?? "")", "error": "\(record.error ?? "")",
                "attempt": "\(job.attempt + 1)", "after_ms": "\(Int(wait.milliseconds))",
            ])
            return
        }
        if record.error == ErrorClass.robotsDisallowed.rawValue || record.error == ErrorClass.robotsUnavailable.rawValue {
            logger.trace("robots.txt forbids", metadata: ["url": "\(record.url)", "why": "\(record.errorDetail ?? "")"])
        }
        var fields: Logger.Metadata = [
            "url": "\(record.url)", "status": "\(record.status.map(String.init) ?? "")", "depth": "\(record.depth)",
            "bytes": "\(record.bytes)", "ms": "\((record.elapsedMilliseconds * 10).rounded() / 10)", "links": "\(record.outlinks)",
        ]
        if let error = record.error { fields["error"] = "\(error)" }
        if record.finalURL != record.url { fields["final_url"] = "\(record.finalURL)" }
        logger.debug("fetched", metadata: fields)
    }

    private static func describe(_ rules: RobotsRules) -> String {
        if rules == .allowAll { return "allow-all" }
        if rules == .disallowAll { return "disallow-all" }
        return "\(rules.rules.count) rules"
    }
}
