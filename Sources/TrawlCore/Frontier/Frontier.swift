import DequeModule
import TrawlURL

/// The crawl frontier: seen set, depths, per-host queues and per-host
/// concurrency, as a pure state machine. It takes events (`discover`,
/// `next`, `complete`) and does no I/O, so every strategy drives the same
/// one and tests drive it without a network.
///
/// **Depth is exact, whatever the timing of the fetches.** A URL at depth d
/// is handed out only when no URL of depth ≤ d−2 is still queued or in
/// flight. Then every page that could link to it from depth ≤ d−2 has been
/// parsed, so its depth can no longer drop once it is fetched: the page set
/// under `--max-depth D` is exactly the pages at distance ≤ D. Two depth
/// levels stay in flight at once, so the gate rarely leaves a slot idle. A
/// queued URL that a shorter path reaches moves to the shallower level (the
/// stale entry is skipped when popped).
///
/// **Politeness without holding a slot.** A host at its `perHost` limit,
/// waiting for its robots.txt, or inside its `delay` is parked; other
/// hosts' URLs go out meanwhile, and `nextWakeUp` tells the driver when a
/// parked host may go again. Time is a parameter (`next(at:)`), so tests
/// drive delays with numbers, not sleeps.
///
/// **Memory that does not grow with strings.** A million-URL crawl sees a
/// million URLs, and at its peak half of them are queued. A URL seen is a
/// 64-bit fingerprint and a 32-bit mark (`seen`, ~21 bytes a URL); a queued
/// one is also its bytes in its host's queue (`URLQueue`, ~38 bytes); only
/// the URLs handed out and not yet done (`active`, at most one per fetch
/// slot) are Strings with all their details. `URLFingerprint` gives the
/// chance that two URLs share a fingerprint (n²/2^65 for n URLs): the
/// second would be taken for seen and not fetched.
public struct Frontier: Sendable {
    /// A URL handed out and not yet done (in flight, or the first URL of a
    /// redirect chain whose hops go on): what its jobs need back.
    private struct Active: Sendable {
        var depth: Int
        var hostID: Int
        var attempt: Int
        /// The page that linked it at `depth`; nil for a seed.
        var referrer: String?
    }

    /// The URLs of one depth level, queued per host, with the hosts that can
    /// take a fetch now kept apart from those at their `perHost` limit.
    private struct Level: Sendable {
        /// Queued plus in-flight URLs of this depth.
        var pending = 0
        var queues: [Int: URLQueue] = [:]
        /// Hosts with queued URLs here, below their limit, in round-robin order.
        var ready: Deque<Int> = []
        /// Hosts with queued URLs here that were at their limit when polled.
        var waiting: Set<Int> = []
    }

    public let limits: Limits
    /// Every URL seen, by fingerprint, with its `SeenMark` (`raw`).
    private var seen = FingerprintTable<UInt32>()
    private var active: [String: Active] = [:]
    /// Failed attempts of URLs queued again for a retry, until they go out
    /// again. Few: the rest have none.
    private var attempts: [String: Int] = [:]
    private var hostIDs: [String: Int] = [:]
    private var hosts: [HostState] = []
    /// Parked hosts inside their delay, with the time each may go again.
    private var delayed: [Int: Duration] = [:]
    /// Pages waiting to be retried without holding their host back, with
    /// the time each may go again (see `retry`). Few: a plain array.
    private var retryWaits: [(due: Duration, url: String, referrer: String?, hostID: Int)] = []
    /// Redirect hops waiting for their host (see `redirect`); `due` is set
    /// while a retried hop waits out its backoff. Few (at most one per
    /// fetch slot): a plain array, scanned first by `next`.
    private var hops: [(job: CrawlJob, due: Duration?)] = []
    private var levels: [Level] = []
    private var lowestPendingDepth = 0

    /// The deepest level `next()` may hand out, beyond the frontier's own
    /// gate: in processes mode each shard owns a frontier, and the
    /// coordinator sets this from the smallest depth pending in any shard,
    /// so the depth gate holds across the whole crawl. nil: no outside limit.
    public var depthCeiling: Int?

    /// Distinct URLs each limit refused (a URL beyond `maxDepth` stops
    /// counting once a shorter path admits it).
    public private(set) var refusals = RefusalCounts()

    public private(set) var dispatched = 0
    public private(set) var inFlight = 0
    public private(set) var queued = 0

    public init(limits: Limits) {
        self.limits = limits
    }

    /// Number of distinct URLs seen (queued, fetched, or beyond the depth limit).
    public var knownCount: Int { seen.count }

    private func mark(of fingerprint: URLFingerprint) -> SeenMark? {
        seen[fingerprint].map(SeenMark.init(raw:))
    }

    private mutating func setMark(_ mark: SeenMark, for fingerprint: URLFingerprint) {
        seen.updateValue(mark.raw, for: fingerprint)
    }

    /// True when nothing is in flight and nothing more will be handed out.
    public var isFinished: Bool {
        inFlight == 0 && (queued == 0 || pageBudgetSpent)
    }

    /// True when `--max-pages` ran out while URLs in scope were still
    /// queued: the crawl is incomplete, not finished.
    public var stoppedByPageBudget: Bool { pageBudgetSpent && queued > 0 }

    private var pageBudgetSpent: Bool {
        if let maxPages = limits.maxPages { return dispatched >= maxPages }
        return false
    }

    /// Records a link to `url` (already normalized) found at `depth` on
    /// the page `referrer` (nil for a seed). `hostKey` groups URLs for
    /// politeness (scheme://host:port).
    @discardableResult
    public mutating func discover(_ url: String, hostKey: String, depth: Int, referrer: String? = nil) -> DiscoveryOutcome {
        let fingerprint = URLFingerprint(url)
        if let mark = mark(of: fingerprint) {
            guard depth < mark.depth else { return .known }
            switch mark.state {
            case .queued:
                // A shorter path to a URL still waiting: move it up a level
                // (the record at the old depth is now stale).
                levels[mark.depth].pending -= 1
                setMark(SeenMark(.queued, depth: depth), for: fingerprint)
                enqueue(url, referrer: referrer, hostID: internHost(hostKey), depth: depth)
                return .known
            case .beyondMaxDepth:
                refusals.add(.maxDepth, -1)
            case .inFlight, .done, .refused:
                // The depth gate guarantees a dispatched URL's depth is final.
                return .known
            }
        }
        return admit(url, fingerprint, hostID: internHost(hostKey), depth: depth, referrer: referrer)
    }

    /// The next job, or nil when none may start at `now` (time since the
    /// crawl began): per-host limits and delays, robots.txt still being
    /// fetched, the depth gate, `--max-pages`, or nothing queued.
    public mutating func next(at now: Duration) -> CrawlJob? {
        for (hostID, time) in delayed where time <= now {
            delayed[hostID] = nil
            wakeHost(hostID)
        }
        // A hop continues a page already counted and still in flight:
        // neither --max-pages nor the depth gate holds it back.
        if !hops.isEmpty, let job = takeHop(now: now) { return job }
        if pageBudgetSpent { return nil }
        if !retryWaits.isEmpty { releaseRetries(dueBy: now) }
        advanceLowestPendingDepth()
        var depth = lowestPendingDepth
        let deepest = min(lowestPendingDepth + 1, depthCeiling ?? Int.max)
        while depth <= deepest && depth < levels.count {
            if let job = take(fromDepth: depth, now: now) { return job }
            depth += 1
        }
        return nil
    }

    /// When a host parked by its delay may go again: the driver should call
    /// `next(at:)` then, even if no fetch has finished. nil: none is parked.
    public var nextWakeUp: Duration? {
        let hopDue = hops.lazy.compactMap(\.due).min()
        let host = delayed.values.min()
        if pageBudgetSpent { return hops.isEmpty ? nil : [hopDue, host].compactMap { $0 }.min() }
        let retryDue = retryWaits.lazy.map(\.due).min()
        return [retryDue, host, hopDue].compactMap { $0 }.min()
    }

    /// Puts the pages whose retry wait is over back at the head of their
    /// host's queue.
    private mutating func releaseRetries(dueBy now: Duration) {
        var waiting: [(due: Duration, url: String, referrer: String?, hostID: Int)] = []
        for wait in retryWaits {
            guard wait.due <= now else {
                waiting.append(wait)
                continue
            }
            guard let mark = mark(of: URLFingerprint(wait.url)), mark.state == .queued else { continue }
            requeueFirst(wait.url, referrer: wait.referrer, hostID: wait.hostID, depth: mark.depth)
            // A host parked only because its queue was empty may go now.
            wakeHost(wait.hostID)
        }
        retryWaits = waiting
    }

    /// The smallest depth queued or in flight, nil when nothing is.
    public mutating func minimumPendingDepth() -> Int? {
        advanceLowestPendingDepth()
        return lowestPendingDepth < levels.count ? lowestPendingDepth : nil
    }

    /// Reports a handed-out page (fetched, failed or disallowed) as done.
    /// For a redirect hop, that ends its chain: the chain's first URL is done.
    public mutating func complete(_ job: CrawlJob) {
        guard job.kind != .robots, let entry = active.removeValue(forKey: job.recordURL) else { return }
        setMark(SeenMark(.done, depth: entry.depth), for: URLFingerprint(job.recordURL))
        inFlight -= 1
        levels[entry.depth].pending -= 1
        release(job.hostID)
    }

    /// Puts a page that failed transiently back at the head of its host's
    /// queue (same depth), to go again at `notBefore`. With `holdingHost`
    /// the whole host sends nothing before then: that is how a 429's
    /// Retry-After, a 503 or a refused connection slows the host down.
    /// Without it only the page waits (a 500 on one page says nothing of
    /// the others), and the host's other pages go on.
    ///
    /// A redirect hop is retried as a hop (the chain's earlier answers
    /// stand); the chain's first URL counts the attempt.
    public mutating func retry(_ job: CrawlJob, notBefore: Duration, holdingHost: Bool = true) {
        if let hop = job.redirect {
            guard job.kind == .page, active[hop.origin] != nil else { return }
            active[hop.origin]!.attempt += 1
            let entry = active[hop.origin]!
            if holdingHost { hosts[job.hostID].nextStart = max(hosts[job.hostID].nextStart, notBefore) }
            hops.append((CrawlJob(url: job.url, depth: job.depth, hostID: job.hostID, attempt: entry.attempt,
                                  redirect: hop, referrer: job.referrer),
                         notBefore))
            release(job.hostID)
            return
        }
        guard job.kind == .page, let entry = active.removeValue(forKey: job.url) else { return }
        setMark(SeenMark(.queued, depth: entry.depth), for: URLFingerprint(job.url))
        attempts[job.url] = entry.attempt + 1
        inFlight -= 1
        queued += 1
        dispatched -= 1  // --max-pages counts pages, not attempts
        if holdingHost {
            hosts[job.hostID].nextStart = max(hosts[job.hostID].nextStart, notBefore)
            requeueFirst(job.url, referrer: entry.referrer, hostID: job.hostID, depth: entry.depth)
        } else {
            // Still pending at its depth, so the depth gate holds meanwhile.
            retryWaits.append((notBefore, job.url, entry.referrer, job.hostID))
        }
        release(job.hostID)
    }

    private mutating func requeueFirst(_ url: String, referrer: String?, hostID: Int, depth: Int) {
        if levels[depth].queues[hostID] == nil {
            levels[depth].queues[hostID] = URLQueue()
            levels[depth].ready.append(hostID)
        }
        levels[depth].queues[hostID]!.prepend(url, referrer: referrer)
    }

    /// Takes a redirect `job` (a page or an earlier hop) answered with: its
    /// host's slot is freed at once, and the hop to `follow.target` waits,
    /// holding no slot, for its own host: its robots.txt (fetched first
    /// when unknown), its delay and `perHost`. A hop a trap rule refuses
    /// goes out as `.refusedRedirect`, to be recorded. The chain's first
    /// URL stays in flight, at its depth, until the chain ends.
    public mutating func redirect(_ job: CrawlJob, to follow: RedirectFollow) {
        guard job.kind == .page, let entry = active[job.recordURL] else { return }
        release(job.hostID)
        let hostID = internHost(follow.hostKey)
        var kind = CrawlJob.Kind.page
        if let refusal = refusal(ofRedirectTo: follow.target, hostID: hostID) {
            let from = follow.hop.fetched.last ?? job.url
            kind = .refusedRedirect("redirect from \(from) to \(follow.target) is refused by the \(refusal.rawValue) limit")
        }
        let hop = CrawlJob(url: follow.target, depth: entry.depth, hostID: hostID, kind: kind, attempt: entry.attempt,
                           redirect: follow.hop, referrer: entry.referrer)
        hops.append((hop, nil))
    }

    /// The trap rule that refuses a redirect to `url`, if any. A URL the
    /// frontier admitted already passes; otherwise the host's rules are
    /// checked without counting it in: a hop is no new page, and a chain
    /// is bounded by `--max-redirects` anyway.
    private func refusal(ofRedirectTo url: String, hostID: Int) -> Refusal? {
        if let mark = mark(of: URLFingerprint(url)), mark.state != .refused, mark.state != .beyondMaxDepth { return nil }
        return hosts[hostID].refusal(ofRedirectTo: url, limits: limits)
    }

    /// Reports a host's robots.txt as fetched, with the rules this crawler
    /// obeys there (`.allowAll` after a 4xx, `.disallowAll` after a 5xx or
    /// no answer: RFC 9309 §2.3.1). Its Crawl-delay, capped at
    /// `maxCrawlDelay`, raises the host's delay.
    /// `unavailable` says why the file could not be read (no answer, a
    /// 5xx) when that is why the rules disallow everything.
    public mutating func completeRobots(_ job: CrawlJob, rules: RobotsRules, unavailable: String? = nil) {
        guard job.kind == .robots, case .fetching = hosts[job.hostID].robots else { return }
        apply(rules, unavailable: unavailable, toHost: job.hostID)
        inFlight -= 1
        release(job.hostID)
    }

    // MARK: - Resuming a journaled crawl

    /// Marks `url`, queued again by the replayed discoveries of an earlier
    /// sitting, as recorded then: done without a fetch, and counted against
    /// `--max-pages` as the fetch was. A URL the replay did not queue (the
    /// journal is the truth) is added as done at `depth`.
    public mutating func restoreDone(_ url: String, hostKey: String, depth: Int) {
        let fingerprint = URLFingerprint(url)
        guard let mark = mark(of: fingerprint) else {
            _ = internHost(hostKey)
            setMark(SeenMark(.done, depth: depth), for: fingerprint)
            dispatched += 1
            return
        }
        guard mark.state == .queued else { return }
        // Its queue record is skipped when popped (`popLive`).
        setMark(SeenMark(.done, depth: mark.depth), for: fingerprint)
        queued -= 1
        dispatched += 1
        levels[mark.depth].pending -= 1
    }

    /// A host's robots.txt as an earlier sitting read it: its rules (and
    /// Crawl-delay) govern the host again without a new fetch.
    public mutating func restoreRobots(hostKey: String, rules: RobotsRules, unavailable: String?) {
        apply(rules, unavailable: unavailable, toHost: internHost(hostKey))
    }

    /// A host's robots.txt rules, and its Crawl-delay (capped), now govern it.
    private mutating func apply(_ rules: RobotsRules, unavailable: String?, toHost hostID: Int) {
        hosts[hostID].robots = .known(rules)
        hosts[hostID].robotsUnavailable = unavailable
        if let seconds = rules.crawlDelay {
            let crawlDelay = min(Duration.milliseconds(Int64((seconds * 1000).rounded())), limits.maxCrawlDelay)
            hosts[hostID].delay = max(hosts[hostID].delay, crawlDelay)
        }
    }

    // MARK: - Internals

    private mutating func admit(_ url: String, _ fingerprint: URLFingerprint, hostID: Int, depth: Int,
                                referrer: String?) -> DiscoveryOutcome {
        // Refused URLs keep no referrer: they are never recorded.
        if let maxDepth = limits.maxDepth, depth > maxDepth {
            setMark(SeenMark(.beyondMaxDepth, depth: depth), for: fingerprint)
            refusals.add(.maxDepth)
            return .beyondMaxDepth
        }
        if let refusal = hosts[hostID].admit(url, depth: depth, limits: limits) {
            setMark(SeenMark(.refused, depth: depth), for: fingerprint)
            refusals.add(refusal)
            return DiscoveryOutcome(refusal)
        }
        setMark(SeenMark(.queued, depth: depth), for: fingerprint)
        queued += 1
        enqueue(url, referrer: referrer, hostID: hostID, depth: depth)
        return .queued
    }

    private mutating func enqueue(_ url: String, referrer: String?, hostID: Int, depth: Int) {
        while levels.count <= depth { levels.append(Level()) }
        levels[depth].pending += 1
        if depth < lowestPendingDepth { lowestPendingDepth = depth }
        if levels[depth].queues[hostID] == nil {
            levels[depth].queues[hostID] = URLQueue()
            levels[depth].ready.append(hostID)
        }
        levels[depth].queues[hostID]!.append(url, referrer: referrer)
    }

    private mutating func take(fromDepth depth: Int, now: Duration) -> CrawlJob? {
        var polled = 0
        let candidates = levels[depth].ready.count
        while polled < candidates, let hostID = levels[depth].ready.popFirst() {
            polled += 1
            switch gate(hostID, now: now) {
            case .closed:
                // Parked until a slot frees, its robots.txt arrives or its
                // delay passes (`wakeHost`).
                levels[depth].waiting.insert(hostID)
                continue
            case .robotsFirst(let robots):
                levels[depth].waiting.insert(hostID)
                return robots
            case .open:
                break
            }
            guard let (record, fingerprint) = popLive(hostID: hostID, depth: depth) else { continue }
            if levels[depth].queues[hostID] != nil { levels[depth].ready.append(hostID) }
            setMark(SeenMark(.inFlight, depth: depth), for: fingerprint)
            let attempt = attempts.isEmpty ? 0 : attempts.removeValue(forKey: record.url) ?? 0
            active[record.url] = Active(depth: depth, hostID: hostID, attempt: attempt, referrer: record.referrer)
            queued -= 1
            inFlight += 1
            dispatched += 1
            let kind = start(record.url, hostID: hostID, now: now)
            return CrawlJob(url: record.url, depth: depth, hostID: hostID, kind: kind, attempt: attempt,
                            referrer: record.referrer)
        }
        return nil
    }

    /// The first waiting redirect hop that may go at `now`, taken off the
    /// list; or its host's robots.txt when that is not known yet. The same
    /// host gates as a page's.
    private mutating func takeHop(now: Duration) -> CrawlJob? {
        var index = 0
        while index < hops.count {
            if let due = hops[index].due {
                guard due <= now else {
                    index += 1
                    continue
                }
                hops[index].due = nil
            }
            let job = hops[index].job
            if job.kind.makesNoRequest {
                hops.remove(at: index)
                hosts[job.hostID].inFlight += 1  // `complete` frees it
                return job
            }
            switch gate(job.hostID, now: now) {
            case .closed:
                index += 1
                continue
            case .robotsFirst(let robots):
                return robots
            case .open:
                break
            }
            hops.remove(at: index)
            let kind = start(job.url, hostID: job.hostID, now: now)
            return CrawlJob(url: job.url, depth: job.depth, hostID: job.hostID, kind: kind, attempt: job.attempt,
                            redirect: job.redirect, referrer: job.referrer)
        }
        return nil
    }

    private enum HostGate {
        /// A request may start now.
        case open
        /// Not now: at its `perHost` limit, its robots.txt in flight, or
        /// inside its delay (then `delayed` says until when).
        case closed
        /// Its robots.txt must come first: this job fetches it.
        case robotsFirst(CrawlJob)
    }

    /// Whether the host may start a request at `now`. The host's first job
    /// is its robots.txt, when obeyed; its pages wait until
    /// `completeRobots` wakes it.
    private mutating func gate(_ hostID: Int, now: Duration) -> HostGate {
        if hosts[hostID].inFlight >= limits.perHost { return .closed }
        switch hosts[hostID].robots {
        case .unknown where limits.obeyRobots:
            hosts[hostID].robots = .fetching
            hosts[hostID].inFlight += 1
            inFlight += 1
            return .robotsFirst(CrawlJob(url: hosts[hostID].key + "/robots.txt", depth: 0, hostID: hostID, kind: .robots))
        case .fetching:
            return .closed
        default:
            break
        }
        if hosts[hostID].nextStart > now {
            delayed[hostID] = hosts[hostID].nextStart
            return .closed
        }
        return .open
    }

    /// Counts a job of the host in and says what it is: a page to fetch,
    /// or one robots.txt forbids (or is too costly to judge), which makes
    /// no request and so uses no delay.
    private mutating func start(_ url: String, hostID: Int, now: Duration) -> CrawlJob.Kind {
        hosts[hostID].inFlight += 1
        switch hosts[hostID].verdict(url) {
        case .allowed:
            hosts[hostID].nextStart = now + hosts[hostID].delay
            return .page
        case .disallowed:
            return hosts[hostID].robotsUnavailable.map { CrawlJob.Kind.robotsUnavailable($0) } ?? .disallowed
        case .tooCostlyToEvaluate:
            return .robotsTooCostly
        }
    }

    /// A job of the host ended: free its slot and let its parked URLs try
    /// again (a delay still running parks them anew).
    private mutating func release(_ hostID: Int) {
        hosts[hostID].inFlight -= 1
        wakeHost(hostID)
    }

    /// Pops the host's next URL at this depth, skipping records that are
    /// stale (moved to a shallower level, or restored as done); drops the
    /// queue once it is empty.
    private mutating func popLive(hostID: Int, depth: Int) -> (URLQueue.Record, URLFingerprint)? {
        while let record = levels[depth].queues[hostID]?.popFirst() {
            if levels[depth].queues[hostID]!.isEmpty { levels[depth].queues[hostID] = nil }
            let fingerprint = URLFingerprint(record.url)
            if mark(of: fingerprint) == SeenMark(.queued, depth: depth) { return (record, fingerprint) }
        }
        levels[depth].queues[hostID] = nil
        return nil
    }

    private mutating func wakeHost(_ hostID: Int) {
        for depth in lowestPendingDepth..<levels.count where levels[depth].waiting.remove(hostID) != nil {
            levels[depth].ready.append(hostID)
        }
    }

    private mutating func advanceLowestPendingDepth() {
        while lowestPendingDepth < levels.count && levels[lowestPendingDepth].pending == 0 {
            lowestPendingDepth += 1
        }
    }

    private mutating func internHost(_ key: String) -> Int {
        if let id = hostIDs[key] { return id }
        let id = hosts.count
        hostIDs[key] = id
        hosts.append(HostState(key: key, delay: limits.delay))
        return id
    }
}
