import DequeModule

/// A URL the frontier hands out: fetch it, then report it with `complete(_:)`.
public struct CrawlJob: Sendable, Hashable {
    /// The normalized URL (`WebURL.normalizedForCrawl().href`).
    public let url: String
    /// Shortest link distance from any seed.
    public let depth: Int
    /// The interned politeness key (scheme://host:port) of `url`.
    let hostID: Int
}

/// What the frontier made of a discovered link.
public enum DiscoveryOutcome: Equatable, Sendable {
    /// New URL, queued for fetching.
    case queued
    /// Already known; a shorter path may have lowered its queued depth.
    case known
    /// Deeper than `--max-depth`: remembered, not fetched (unless a shorter
    /// path turns up later).
    case beyondMaxDepth
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
public struct Frontier: Sendable {
    public struct Limits: Sendable, Equatable {
        public var maxDepth: Int?
        public var maxPages: Int?
        public var perHost: Int

        public init(maxDepth: Int? = nil, maxPages: Int? = nil, perHost: Int = 8) {
            self.maxDepth = maxDepth
            self.maxPages = maxPages
            self.perHost = max(1, perHost)
        }
    }

    private enum State: Sendable { case queued, inFlight, done, beyondMaxDepth }

    private struct Entry: Sendable {
        var depth: Int
        var state: State
        let hostID: Int
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
    private var hostInFlight: [Int] = []
    private var levels: [Level] = []
    private var lowestPendingDepth = 0

    /// The deepest level `next()` may hand out, beyond the frontier's own
    /// gate: in processes mode each shard owns a frontier, and the
    /// coordinator sets this from the smallest depth pending in any shard,
    /// so the depth gate holds across the whole crawl. nil: no outside limit.
    public var depthCeiling: Int?

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

    private var pageBudgetSpent: Bool {
        if let maxPages = limits.maxPages { return dispatched >= maxPages }
        return false
    }

    /// Records a link to `url` (already normalized) found at `depth`.
    /// `hostKey` groups URLs for politeness (scheme://host:port).
    @discardableResult
    public mutating func discover(_ url: String, hostKey: String, depth: Int) -> DiscoveryOutcome {
        if var entry = entries[url] {
            guard depth < entry.depth else { return .known }
            switch entry.state {
            case .queued:
                // A shorter path to a URL still waiting: move it up a level.
                levels[entry.depth].pending -= 1
                entry.depth = depth
                entries[url] = entry
                enqueue(url, hostID: entry.hostID, depth: depth)
                return .known
            case .beyondMaxDepth:
                return admit(url, hostID: entry.hostID, depth: depth)
            case .inFlight, .done:
                // The depth gate guarantees a dispatched URL's depth is final.
                return .known
            }
        }
        return admit(url, hostID: internHost(hostKey), depth: depth)
    }

    /// The next URL to fetch, or nil when none may start now (per-host
    /// limits, the depth gate, `--max-pages`, or nothing queued).
    public mutating func next() -> CrawlJob? {
        if pageBudgetSpent { return nil }
        advanceLowestPendingDepth()
        var depth = lowestPendingDepth
        let deepest = min(lowestPendingDepth + 1, depthCeiling ?? Int.max)
        while depth <= deepest && depth < levels.count {
            if let job = take(fromDepth: depth) { return job }
            depth += 1
        }
        return nil
    }

    /// The smallest depth queued or in flight, nil when nothing is.
    public mutating func minimumPendingDepth() -> Int? {
        advanceLowestPendingDepth()
        return lowestPendingDepth < levels.count ? lowestPendingDepth : nil
    }

    /// Reports a handed-out job as finished (fetched or failed).
    public mutating func complete(_ job: CrawlJob) {
        guard var entry = entries[job.url], entry.state == .inFlight else { return }
        entry.state = .done
        entries[job.url] = entry
        inFlight -= 1
        levels[entry.depth].pending -= 1
        let wasAtLimit = hostInFlight[job.hostID] >= limits.perHost
        hostInFlight[job.hostID] -= 1
        if wasAtLimit { wakeHost(job.hostID) }
    }

    // MARK: - Internals

    private mutating func admit(_ url: String, hostID: Int, depth: Int) -> DiscoveryOutcome {
        if let maxDepth = limits.maxDepth, depth > maxDepth {
            entries[url] = Entry(depth: depth, state: .beyondMaxDepth, hostID: hostID)
            return .beyondMaxDepth
        }
        entries[url] = Entry(depth: depth, state: .queued, hostID: hostID)
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

    private mutating func take(fromDepth depth: Int) -> CrawlJob? {
        var polled = 0
        let candidates = levels[depth].ready.count
        while polled < candidates, let hostID = levels[depth].ready.popFirst() {
            polled += 1
            if hostInFlight[hostID] >= limits.perHost {
                levels[depth].waiting.insert(hostID)
                continue
            }
            guard let url = popLive(hostID: hostID, depth: depth) else { continue }
            if levels[depth].queues[hostID] != nil { levels[depth].ready.append(hostID) }
            entries[url]!.state = .inFlight
            queued -= 1
            inFlight += 1
            dispatched += 1
            hostInFlight[hostID] += 1
            return CrawlJob(url: url, depth: depth, hostID: hostID)
        }
        return nil
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
        let id = hostInFlight.count
        hostIDs[key] = id
        hostInFlight.append(0)
        return id
    }
}
