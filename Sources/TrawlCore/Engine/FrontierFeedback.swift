/// What a finished job does to the frontier — the same in a single process
/// and in every shard, so politeness and retries behave alike in every mode.
enum FrontierFeedback {
    enum Disposition: Sendable {
        /// A page (fetched, failed or disallowed) is done: export its record
        /// and, unless the crawl is stopping, follow its links.
        case record
        /// A transient failure put back in the queue: no record yet.
        case retried
        /// A robots.txt: its rules now govern the host.
        case robots
    }

    /// Applies `outcome` to `frontier`: robots rules, a retry (not while
    /// the crawl is `stopping`), or completion. `now` is the time since the
    /// crawl began. The caller follows a recorded page's links itself
    /// (a shard routes some of them elsewhere).
    static func apply(_ outcome: PageOutcome, to frontier: inout Frontier, stopping: Bool, now: Duration) -> Disposition {
        let job = outcome.job
        if job.kind == .robots {
            frontier.completeRobots(job, rules: outcome.robots ?? .allowAll, unavailable: outcome.robotsUnavailable)
            return .robots
        }
        if !stopping, let wait = outcome.retryAfter {
            frontier.retry(job, notBefore: now + wait, holdingHost: outcome.retryHoldsHost)
            return .retried
        }
        frontier.complete(job)
        return .record
    }
}
