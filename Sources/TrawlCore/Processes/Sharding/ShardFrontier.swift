/// One worker's share of a `--mode processes` crawl, as a pure state
/// machine: the shard's own `Frontier`, the routing of links to the shards
/// that own them, and the status the coordinator's `TerminationDetector`
/// needs. It takes events and returns the messages to send; `ShardWorker`
/// does the I/O.
struct ShardFrontier: Sendable {
    let shard: Int
    let map: ShardMap
    private var frontier: Frontier
    /// Links already routed to other shards, with the smallest depth sent:
    /// a link is sent again only when found at a smaller depth, because
    /// the owner must lower that URL's depth.
    private var routed: [String: Int] = [:]
    private(set) var batchesReceived = 0
    private(set) var pagesDone = 0
    private var lastStatus: ShardStatus?
    private var lastRefusals = RefusalCounts()

    init(shard: Int, shards: Int, limits: Frontier.Limits) {
        self.shard = shard
        map = ShardMap(shards: shards)
        frontier = Frontier(limits: limits)
        // Nothing beyond the seeds' level until the coordinator, which sees
        // every shard, says how deep the crawl may go.
        frontier.depthCeiling = 0
    }

    /// A `discover` batch: seeds or links another shard found for ours.
    mutating func receive(_ urls: [DiscoveredURL]) {
        for url in urls { frontier.discover(url.url, hostKey: url.hostKey, depth: url.depth, referrer: url.referrer) }
        batchesReceived += 1
    }

    // MARK: Replay (`JournalReplay`): each ignores what another shard owns.

    /// A URL an earlier worker of this shard had discovered.
    mutating func restoreDiscovered(_ url: String, hostKey: String, depth: Int, referrer: String?) {
        guard map.shard(ofHostKey: hostKey) == shard else { return }
        frontier.discover(url, hostKey: hostKey, depth: depth, referrer: referrer)
    }

    /// A page an earlier worker of this shard recorded.
    mutating func restoreDone(_ url: String, hostKey: String, depth: Int) {
        guard map.shard(ofHostKey: hostKey) == shard else { return }
        frontier.restoreDone(url, hostKey: hostKey, depth: depth)
        pagesDone += 1
    }

    /// A robots.txt an earlier worker of this shard read.
    mutating func restoreRobots(hostKey: String, rules: RobotsRules, unavailable: String?) {
        guard map.shard(ofHostKey: hostKey) == shard else { return }
        frontier.restoreRobots(hostKey: hostKey, rules: rules, unavailable: unavailable)
    }

    /// A `depthCeiling` message. Ceilings only rise: a late, lower one
    /// (none is ever sent, but the pipe does not prove it) is ignored.
    mutating func raiseCeiling(to ceiling: Int) {
        frontier.depthCeiling = max(frontier.depthCeiling ?? ceiling, ceiling)
    }

    mutating func next(at now: Duration) -> CrawlJob? {
        frontier.next(at: now)
    }

    /// When a host parked by its politeness delay may go again.
    var nextWakeUp: Duration? { frontier.nextWakeUp }

    /// Records a finished job. Returns the messages for the coordinator:
    /// the page, then the links it found for other shards (unless
    /// `following` is false: the crawl is stopping). Links for this shard
    /// go straight into its frontier. A robots.txt or a page put back for
    /// a retry sends nothing. `now` is the time since the worker started.
    mutating func settle(_ outcome: PageOutcome, following: Bool, now: Duration) -> [ShardMessage] {
        switch FrontierFeedback.apply(outcome, to: &frontier, stopping: !following, now: now) {
        case .record: break
        case .retried, .redirected: return []
        case .robots: return [.robots(RobotsNote(outcome))]
        }
        pagesDone += 1
        var messages: [ShardMessage] = [
            .page(PageMessage(followed: outcome)),
        ]
        guard following else { return messages }
        let depth = outcome.job.depth + 1
        let referrer = outcome.linkReferrer
        var foreign: [DiscoveredURL] = []
        for link in outcome.follow {
            let owner = map.shard(ofHostKey: link.hostKey)
            if owner == shard {
                frontier.discover(link.url, hostKey: link.hostKey, depth: depth, referrer: referrer)
                continue
            }
            // Sent even when deeper than --max-depth: the owner counts it
            // as refused, so the report's counts match a one-process run.
            if let sent = routed[link.url], sent <= depth { continue }
            routed[link.url] = depth
            foreign.append(DiscoveredURL(url: link.url, hostKey: link.hostKey, depth: depth, referrer: referrer))
        }
        for batch in DiscoveredURL.batches(foreign) { messages.append(.links(batch)) }
        return messages
    }

    /// The frontier's refusal totals when they changed since last sent.
    mutating func refusalsIfChanged() -> ShardMessage? {
        guard frontier.refusals != lastRefusals else { return nil }
        lastRefusals = frontier.refusals
        return .refusals(lastRefusals)
    }

    /// The shard's status when something the detector uses (idle, batches
    /// acknowledged, smallest pending depth) changed since the last one;
    /// nil otherwise, so a busy worker does not send one per page.
    mutating func statusIfChanged() -> ShardMessage? {
        let minPending = frontier.minimumPendingDepth()
        let status = ShardStatus(idle: minPending == nil, batchesReceived: batchesReceived,
                                 minPendingDepth: minPending, pagesDone: pagesDone)
        if let last = lastStatus, last.idle == status.idle, last.batchesReceived == status.batchesReceived,
           last.minPendingDepth == status.minPendingDepth {
            return nil
        }
        lastStatus = status
        return .status(status)
    }
}
