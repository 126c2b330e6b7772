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
        /// A redirect to follow: the next hop waits in the frontier; the
        /// page has no record until its chain ends.
        case redirected
    }

    /// Applies `outcome` to `frontier`: robots rules, a redirect hop, a
    /// retry (neither while the crawl is `stopping`), or completion. `now` is the time since the
    /// crawl began. The caller follows a recorded page's links itself
    /// (a shard routes some of them elsewhere).
    static func apply(_ outcome: PageOutcome, to frontier: inout Frontier, stopping: Bool, now: Duration) -> Disposition {
        let job = outcome.job
        if job.kind == .robots {
            frontier.completeRobots(job, rules: outcome.robots ?? .allowAll, unavailable: outcome.robotsUnavailable)
            return .robots
        }
        if let follow = outcome.redirect {
            // While stopping, the chain is dropped unrecorded, as a transfer
            // cancelled mid-way is.
            if !stopping { frontier.redirect(job, to: follow) }
            return .redirected
        }
        if !stopping, let wait = outcome.retryAfter {
            frontier.retry(job, notBefore: now + wait, holdingHost: outcome.retryHoldsHost)
            return .retried
        }
        frontier.complete(job)
        return .record
    }
}
