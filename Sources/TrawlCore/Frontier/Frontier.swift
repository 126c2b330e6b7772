import DequeModule
import TrawlURL

/// What the frontier made of a discovered link.
public enum DiscoveryOutcome: Equatable, Sendable {
    /// New URL, queued for fetching.
    case queued
    /// Already known; a shorter path may have lowered its queued depth.
    case known
    /// Deeper than `--max-depth`: remembered, not fetched (unless a shorter
    /// path turns up later).
    case beyondMaxDepth
    /// Its host already has `--max-pages-per-host` URLs: not fetched.
    case hostFull
    /// Its host and path already have `maxQueryVariants` queries (a
    /// calendar or faceted-search trap): not fetched.
    case tooManyQueryVariants
    /// A path trap rule refused it (too many segments, a repeated run of
    /// segments, too many digit-only variants): not fetched.
    case pathTrap(Refusal)

    /// The limit that refused the URL, nil when it was not refused.
    public var refusal: Refusal? {
        switch self {
        case .queued, .known: nil
        case .beyondMaxDepth: .maxDepth
        case .hostFull: .maxPagesPerHost
        case .tooManyQueryVariants: .maxQueryVariants
        case .pathTrap(let refusal): refusal
        }
    }

    init(_ refusal: Refusal) {
        switch refusal {
        case .maxDepth: self = .beyondMaxDepth
        case .maxPagesPerHost: self = .hostFull
        case .maxQueryVariants: self = .tooManyQueryVariants
        case .maxPathSegments, .pathRepeats, .maxPathVariants, .badPort: self = .pathTrap(refusal)
        }
    }
}

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
public struct Frontier: Sendable {
    /// Codable so that `--mode processes` hands each worker the whole value.
    public struct Limits: Sendable, Equatable, Codable {
        public var maxDepth: Int?
        public var maxPages: Int?
        public var perHost: Int
        /// Fetch each host's /robots.txt before its first page and obey it.
        public var obeyRobots: Bool
        /// Least time between the starts of two requests to one host
        /// (`--delay`); a host's Crawl-delay can raise it.
        public var delay: Duration
        /// A Crawl-delay above this is cut to it: a robots.txt must not be
        /// able to stall a crawl for hours per page.
        public var maxCrawlDelay: Duration
        /// URLs admitted per host at most (`--max-pages-per-host`): the
        /// first found, shallowest first.
        public var maxPagesPerHost: Int?
        /// Distinct queries admitted per host and path (`?page=1`,
        /// `?page=2`, …): the guard against query-string explosions.
        public var maxQueryVariants: Int?
        /// Path segments at most (`--max-path-segments`): a trap that adds
        /// a segment per link (`/a/b/c/…`) ends here.
        public var maxPathSegments: Int?
        /// Times a run of segments may repeat in a row (`--max-path-repeats`):
        /// `/a/b/a/b/a/b/` is a relative link resolved against itself.
        public var maxPathRepeats: Int?
        /// URLs per host whose paths differ only in digits
        /// (`--max-path-variants`): a path-based calendar or counter.
        public var maxPathVariants: Int?
        /// Refuse the Fetch Standard's bad ports (seeds excepted).
        public var refuseBadPorts: Bool

        public init(maxDepth: Int? = nil, maxPages: Int? = nil, perHost: Int = 8, obeyRobots: Bool = false,
                    delay: Duration = .zero, maxCrawlDelay: Duration = .seconds(30), maxPagesPerHost: Int? = nil,
                    maxQueryVariants: Int? = nil, maxPathSegments: Int? = nil, maxPathRepeats: Int? = nil,
                    maxPathVariants: Int? = nil, refuseBadPorts: Bool = false) {
            self.maxDepth = maxDepth
            self.maxPages = maxPages
            self.perHost = max(1, perHost)
            self.obeyRobots = obeyRobots
            self.delay = delay
            self.maxCrawlDelay = maxCrawlDelay
            self.maxPagesPerHost = maxPagesPerHost
            self.maxQueryVariants = maxQueryVariants
            self.maxPathSegments = maxPathSegments
            self.maxPathRepeats = maxPathRepeats
            self.maxPathVariants = maxPathVariants
            self.refuseBadPorts = refuseBadPorts
        }
    }

    private enum State: UInt8, Sendable { case queued, inFlight, done, beyondMaxDepth, refused }

    /// One URL seen, 32 bytes: a million-URL crawl holds a million of
    /// them, so the numbers are stored narrow (depths and hosts past 2^31,
    /// attempts past 2^15 are clamped, far beyond any limit a crawl sets).
    private struct Entry: Sendable {
        /// The page that linked it at `depth`; nil for a seed. Strings
        /// share storage, so the links of one page cost one copy of its URL.
        var referrer: String?
        private var storedDepth: Int32
        private let storedHostID: Int32
        private var storedAttempt: Int16 = 0
        var state: State

        init(depth: Int, state: State, hostID: Int, referrer: String? = nil) {
            self.referrer = referrer
            storedDepth = Int32(clamping: depth)
            storedHostID = Int32(clamping: hostID)
            self.state = state
        }

        var depth: Int {
            get { Int(storedDepth) }
            set { storedDepth = Int32(clamping: newValue) }
        }
        var hostID: Int { Int(storedHostID) }
        var attempt: Int {
            get { Int(storedAttempt) }
            set { storedAttempt = Int16(clamping: newValue) }
        }
    }

    /// The URLs of one depth level, queued per host, with the hosts that can
    /// take a fetch now kept apart from those at their `perHost` limit.
    private struct Level: Sendable {
        /// Queued plus in-flight URLs of this depth.
        var pending = 0
        var queues: [Int: Deque<String>] = [:]
        /// Hosts with queued URLs here, below their limit, in round-robin order.
        var ready: Deque<Int> = []
        /// Hosts with queued URLs here that were at their limit when polled.
        var waiting: Set<Int> = []
    }

    public let limits: Limits
    private var entries: [String: Entry] = [:]
    private var hostIDs: [String: Int] = [:]
    private var hosts: [HostState] = []
    /// Parked hosts inside their delay, with the time each may go again.
    private var delayed: [Int: Duration] = [:]
    /// Pages waiting to be retried without holding their host back, with
    /// the time each may go again (see `retry`). Few: a plain array.
    private var retryWaits: [(due: Duration, url: String, hostID: Int)] = []
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
    public var knownCount: Int { entries.count }

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
        if var entry = entries[url] {
            guard depth < entry.depth else { return .known }
            switch entry.state {
            case .queued:
                // A shorter path to a URL still waiting: move it up a level.
                levels[entry.depth].pending -= 1
                entry.depth = depth
                entry.referrer = referrer
                entries[url] = entry
                enqueue(url, hostID: entry.hostID, depth: depth)
                return .known
            case .beyondMaxDepth:
                refusals.add(.maxDepth, -1)
                return admit(url, hostID: entry.hostID, depth: depth, referrer: referrer)
            case .inFlight, .done, .refused:
                // The depth gate guarantees a dispatched URL's depth is final.
                return .known
            }
        }
        return admit(url, hostID: internHost(hostKey), depth: depth, referrer: referrer)
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
        var waiting: [(due: Duration, url: String, hostID: Int)] = []
        for wait in retryWaits {
            guard wait.due <= now else {
                waiting.append(wait)
                continue
            }
            guard let entry = entries[wait.url], entry.state == .queued else { continue }
            requeueFirst(wait.url, hostID: wait.hostID, depth: entry.depth)
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
        guard job.kind != .robots, var entry = entries[job.recordURL], entry.state == .inFlight else { return }
        entry.state = .done
        entries[job.recordURL] = entry
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
            guard job.kind == .page, var entry = entries[hop.origin], entry.state == .inFlight else { return }
            entry.attempt += 1
            entries[hop.origin] = entry
            if holdingHost { hosts[job.hostID].nextStart = max(hosts[job.hostID].nextStart, notBefore) }
            hops.append((CrawlJob(url: job.url, depth: job.depth, hostID: job.hostID, attempt: entry.attempt,
                                  redirect: hop, referrer: job.referrer),
                         notBefore))
            release(job.hostID)
            return
        }
        guard job.kind == .page, var entry = entries[job.url], entry.state == .inFlight else { return }
        entry.state = .queued
        entry.attempt += 1
        entries[job.url] = entry
        inFlight -= 1
        queued += 1
        dispatched -= 1  // --max-pages counts pages, not attempts
        if holdingHost {
            hosts[job.hostID].nextStart = max(hosts[job.hostID].nextStart, notBefore)
            requeueFirst(job.url, hostID: job.hostID, depth: entry.depth)
        } else {
            // Still pending at its depth, so the depth gate holds meanwhile.
            retryWaits.append((notBefore, job.url, job.hostID))
        }
        release(job.hostID)
    }

    private mutating func requeueFirst(_ url: String, hostID: Int, depth: Int) {
        if levels[depth].queues[hostID] == nil {
            levels[depth].queues[hostID] = [url]
            levels[depth].ready.append(hostID)
        } else {
            levels[depth].queues[hostID]!.prepend(url)
        }
    }

    /// Takes a redirect `job` (a page or an earlier hop) answered with: its
    /// host's slot is freed at once, and the hop to `follow.target` waits,
    /// holding no slot, for its own host: its robots.txt (fetched first
    /// when unknown), its delay and `perHost`. A hop a trap rule refuses
    /// goes out as `.refusedRedirect`, to be recorded. The chain's first
    /// URL stays in flight, at its depth, until the chain ends.
    public mutating func redirect(_ job: CrawlJob, to follow: RedirectFollow) {
        guard job.kind == .page, let entry = entries[job.recordURL], entry.state == .inFlight else { return }
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
        if let entry = entries[url], entry.state != .refused, entry.state != .beyondMaxDepth { return nil }
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
        guard var entry = entries[url] else {
            entries[url] = Entry(depth: depth, state: .done, hostID: internHost(hostKey))
            dispatched += 1
            return
        }
        guard entry.state == .queued else { return }
        // Its queue slot is skipped when popped (`popLive`).
        entry.state = .done
        entries[url] = entry
        queued -= 1
        dispatched += 1
        levels[entry.depth].pending -= 1
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

    private mutating func admit(_ url: String, hostID: Int, depth: Int, referrer: String?) -> DiscoveryOutcome {
        // Refused URLs keep no referrer: they are never recorded.
        if let maxDepth = limits.maxDepth, depth > maxDepth {
            entries[url] = Entry(depth: depth, state: .beyondMaxDepth, hostID: hostID)
            refusals.add(.maxDepth)
            return .beyondMaxDepth
        }
        if let refusal = hosts[hostID].admit(url, depth: depth, limits: limits) {
            entries[url] = Entry(depth: depth, state: .refused, hostID: hostID)
            refusals.add(refusal)
            return DiscoveryOutcome(refusal)
        }
        entries[url] = Entry(depth: depth, state: .queued, hostID: hostID, referrer: referrer)
        queued += 1
        enqueue(url, hostID: hostID, depth: depth)
        return .queued
    }

    private mutating func enqueue(_ url: String, hostID: Int, depth: Int) {
        while levels.count <= depth { levels.append(Level()) }
        levels[depth].pending += 1
        if depth < lowestPendingDepth { lowestPendingDepth = depth }
        if levels[depth].queues[hostID] == nil {
            levels[depth].queues[hostID] = [url]
            levels[depth].ready.append(hostID)
        } else {
            levels[depth].queues[hostID]!.append(url)
        }
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
            guard let url = popLive(hostID: hostID, depth: depth) else { continue }
            if levels[depth].queues[hostID] != nil { levels[depth].ready.append(hostID) }
            entries[url]!.state = .inFlight
            queued -= 1
            inFlight += 1
            dispatched += 1
            let kind = start(url, hostID: hostID, now: now)
            let entry = entries[url]!
            return CrawlJob(url: url, depth: depth, hostID: hostID, kind: kind, attempt: entry.attempt, referrer: entry.referrer)
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

    /// Pops the host's next URL at this depth, skipping entries that moved to
    /// a shallower level; drops the queue once it is empty.
    private mutating func popLive(hostID: Int, depth: Int) -> String? {
        while let url = levels[depth].queues[hostID]?.popFirst() {
            if levels[depth].queues[hostID]!.isEmpty { levels[depth].queues[hostID] = nil }
            if let entry = entries[url], entry.state == .queued, entry.depth == depth { return url }
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
