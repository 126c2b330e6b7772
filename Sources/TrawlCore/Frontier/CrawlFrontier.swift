/// What the crawl loop (`CrawlLoop`) asks of a frontier: the seam every
/// frontier plugs into — the in-memory `Frontier` of one process, the
/// `ShardFrontier` of a `--mode processes` worker, and later ones kept on
/// disk or shared by many machines. A frontier is a pure state machine:
/// time is an argument, never read from a clock; only the loop reads one.
protocol CrawlFrontier {
    /// What settling an outcome yields for the loop's host to act on (the
    /// disposition to export, or the messages to send).
    associatedtype Settlement

    /// The next job due at `now` (time since the crawl began), or nil when
    /// none is: nothing queued, every host at its limit, or every queued
    /// host waiting out its politeness delay.
    mutating func next(at now: Duration) -> CrawlJob?

    /// When a host waiting out its politeness delay may go again.
    var nextWakeUp: Duration? { get }

    /// Takes a finished job's outcome: robots rules, a redirect hop, a
    /// retry, or a page done whose links it discovers when `following`
    /// (false once the crawl is stopping). `now` is the time since the
    /// crawl began.
    mutating func settle(_ outcome: PageOutcome, following: Bool, now: Duration) -> Settlement
}

extension Frontier: CrawlFrontier {
    mutating func settle(_ outcome: PageOutcome, following: Bool, now: Duration) -> FrontierFeedback.Disposition {
        let disposition = FrontierFeedback.apply(outcome, to: &self, stopping: !following, now: now)
        if case .record = disposition, following {
            let referrer = outcome.linkReferrer
            for link in outcome.follow {
                discover(link.url, hostKey: link.hostKey, depth: outcome.job.depth + 1, referrer: referrer)
            }
        }
        return disposition
    }
}

extension ShardFrontier: CrawlFrontier {}
