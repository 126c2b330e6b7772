import DequeModule
import TrawlRedis
import TrawlURL

/// One process's view of a shared (Redis) frontier, as the crawl loop sees
/// a frontier: the leases `FrontierPump` brought in, handed out as jobs;
/// each settled outcome becomes what the pump must write (the URLs found,
/// then the lease's end). A pure state machine like every `CrawlFrontier`:
/// politeness, depth and seen-ness are decided in Redis, for every process
/// at once; this decides only what needs the page (robots verdicts from
/// the rules the lease carries, the trap rules that need no count).
struct LeaseFrontier {
    /// What settling one outcome asks of Redis, in this order: add `adds`
    /// (links found, or a redirect's next hop), then end `ending`'s lease.
    struct Settlement {
        var disposition: FrontierFeedback.Disposition
        var adds: [FrontierEntry] = []
        var ending: (lease: FrontierLease, outcome: FrontierCompletion)?
    }

    let limits: Frontier.Limits
    let fingerprint: ClusterFingerprint
    /// Leases brought in and not yet handed out.
    private var buffered: Deque<FrontierLease> = []
    /// Jobs handed out, by the URL their record is for (a hop's: its chain's
    /// first URL), with their lease.
    private var active: [String: FrontierLease] = [:]
    /// Redirect hops a trap rule refuses: recorded here, at once, under the
    /// chain's lease.
    private var refusedHops: [CrawlJob] = []
    private var hostIDs: [String: Int] = [:]
    /// Each host's robots.txt as its leases carry it, decoded once.
    private var robots: [String: (bytes: [UInt8], note: RobotsNote?, rules: RobotsRules?)] = [:]
    /// Jobs handed out so far (for `FaultPoint.inFlight`).
    private(set) var startedCount = 0
    /// Fingerprints of links this process has already handed to Redis:
    /// a real site links its navigation from every page (70–300 links a
    /// page, mostly the same), and each one sent again costs Redis a
    /// seen-set lookup and the wire its bytes, to change nothing. Safe to
    /// skip: the earlier add was written before the lease of the page that
    /// found it ended (a crash loses both, and the page is fetched again
    /// elsewhere), and under level-synchronous depth a URL found again is
    /// never shallower. Bounded: emptied when full.
    private var sent = Set<Int64>()
    static let sentCapacity = 1 << 18

    init(limits: Frontier.Limits, fingerprint: ClusterFingerprint) {
        self.limits = limits
        self.fingerprint = fingerprint
    }

    /// Leases held here: brought in, handed out, or under a refused hop.
    var held: Int { buffered.count + active.count }

    mutating func accept(_ leases: [FrontierLease]) {
        buffered.append(contentsOf: leases)
    }

    /// Every lease held, for giving back when this process stops before
    /// the crawl ends; nothing is held afterwards.
    mutating func drainHeld() -> [FrontierLease] {
        let leases = Array(buffered) + Array(active.values)
        buffered.removeAll()
        active.removeAll()
        refusedHops.removeAll()
        return leases
    }

    // MARK: Seeds and links

    /// The entries for URLs found at `depth` (seeds at 0), each with the
    /// refusal this process can decide alone: beyond `--max-depth`, or a
    /// trap rule that needs no count (bad port, path segments, repeats);
    /// the per-host caps are counted in Redis.
    func entries(_ links: [(url: String, hostKey: String)], depth: Int, referrer: String?) -> [FrontierEntry] {
        links.map { entry($0, fingerprint: fingerprint($0.url), depth: depth, referrer: referrer) }
    }

    private func entry(_ link: (url: String, hostKey: String), fingerprint: Int64, depth: Int, referrer: String?) -> FrontierEntry {
        FrontierEntry(url: link.url, hostKey: link.hostKey, depth: depth, referrer: referrer, fingerprint: fingerprint,
                      admission: admission(of: link.url, hostKey: link.hostKey, depth: depth))
    }

    private func admission(of url: String, hostKey: String, depth: Int) -> FrontierEntry.Admission {
        if let maxDepth = limits.maxDepth, depth > maxDepth { return .refused(Refusal.maxDepth.rawValue) }
        let path = PathTrapRules.path(of: url)
        if depth > 0, let refusal = statelessRefusal(url, path: path, hostKey: hostKey) { return .refused(refusal.rawValue) }
        var queryKey: String?
        if limits.maxQueryVariants != nil, let question = url.firstIndex(of: "?") { queryKey = String(url[..<question]) }
        let shapeKey = limits.maxPathVariants != nil ? PathTrapRules.digitShape(path) : nil
        return .admit(queryKey: queryKey, shapeKey: shapeKey)
    }

    /// The trap rules that need no count, in `HostState.admit`'s order.
    private func statelessRefusal(_ url: String, path: Substring, hostKey: String) -> Refusal? {
        if limits.refuseBadPorts && BadPorts.contains(hostKey: hostKey) { return .badPort }
        if let cap = limits.maxPathSegments, PathTrapRules.segmentCount(path) > cap { return .maxPathSegments }
        if let cap = limits.maxPathRepeats, PathTrapRules.hasRepeatedRun(path, maxRepeats: cap) { return .pathRepeats }
        return nil
    }

    // MARK: Jobs

    mutating func next(at now: Duration) -> CrawlJob? {
        if let hop = refusedHops.popLast() { return hop }
        while let lease = buffered.popFirst() {
            guard let job = job(for: lease) else { continue }
            active[job.recordURL] = lease
            startedCount += 1
            return job
        }
        return nil
    }

    /// Leases arrive when they may start; a process never waits on a host.
    var nextWakeUp: Duration? { nil }

    private mutating func job(for lease: FrontierLease) -> CrawlJob? {
        let hostID = internHost(lease.hostKey)
        let hop = lease.hopPayload.flatMap { try? HopPayload.decode($0) }
        guard lease.kind == .page else {
            return CrawlJob(url: lease.url, depth: 0, hostID: hostID, kind: .robots)
        }
        return CrawlJob(url: lease.url, depth: lease.depth, hostID: hostID, kind: verdict(lease), attempt: lease.attempt,
                        redirect: hop, referrer: lease.referrer)
    }

    /// What the host's robots.txt says of the lease's page, from the rules
    /// the lease carries (decoded once per host and version).
    private mutating func verdict(_ lease: FrontierLease) -> CrawlJob.Kind {
        guard limits.obeyRobots else { return .page }
        guard let bytes = lease.robotsRules else {
            // Every lease of the host's robots job ran out (its workers
            // died): the file is as unreadable as after a 5xx.
            return .robotsUnavailable("robots.txt of \(lease.hostKey) was given up on after \(ClusterLayout.maxAttempts) leases ran out")
        }
        if robots[lease.hostKey]?.bytes != bytes {
            let note = try? ShardMessage.decodeRobots(bytes)
            robots[lease.hostKey] = (bytes, note, note.flatMap { try? RobotsRules(journalBytes: $0.rules) })
        }
        guard let known = robots[lease.hostKey], let rules = known.rules else {
            return .robotsUnavailable("the stored robots.txt rules of \(lease.hostKey) are corrupt")
        }
        guard !rules.rules.isEmpty, let parsed = WebURL(lease.url) else { return .page }
        switch rules.verdict(parsed) {
        case .allowed: return .page
        case .disallowed: return known.note?.unavailable.map { .robotsUnavailable($0) } ?? .disallowed
        case .tooCostlyToEvaluate: return .robotsTooCostly
        }
    }

    private mutating func internHost(_ key: String) -> Int {
        if let id = hostIDs[key] { return id }
        let id = hostIDs.count
        hostIDs[key] = id
        return id
    }

    // MARK: Settling

    /// A finished job's outcome, as what to write. Links are added and
    /// hops handed on even while this process stops (`following` false):
    /// the crawl goes on in the others, and a page done without its links
    /// would lose them for good.
    mutating func settle(_ outcome: PageOutcome, following: Bool, now: Duration) -> Settlement {
        let job = outcome.job
        if job.kind == .robots {
            guard let lease = active.removeValue(forKey: job.url) else { return Settlement(disposition: .robots) }
            let note = RobotsNote(outcome)
            var stored = note
            stored.sitemaps = []
            let crawlDelay = (outcome.robots?.crawlDelay).map { seconds in
                min(Int64((seconds * 1000).rounded()), Int64(limits.maxCrawlDelay.milliseconds))
            }
            return Settlement(disposition: .robots, ending: (lease, .robots(
                rules: ShardMessage.encodeRobots(stored), crawlDelayMs: crawlDelay, record: ShardMessage.encodeRobots(note))))
        }
        guard let lease = active.removeValue(forKey: job.recordURL) else { return Settlement(disposition: .record) }
        if let follow = outcome.redirect {
            return handOn(job, lease: lease, to: follow)
        }
        if let wait = outcome.retryAfter {
            return Settlement(disposition: .retried, ending: (lease, .retry(afterMs: Int64(wait.milliseconds.rounded(.up)),
                                                                            holdsHost: outcome.retryHoldsHost)))
        }
        var settlement = Settlement(disposition: .record, ending: (lease, .page(record: ShardMessage.encodePage(outcome))))
        // Fingerprint first: a link sent before needs no admission work.
        let referrer = outcome.linkReferrer
        settlement.adds = outcome.follow.compactMap { link in
            let print = fingerprint(link.url)
            if sent.count >= Self.sentCapacity { sent.removeAll(keepingCapacity: true) }
            guard sent.insert(print).inserted else { return nil }
            return entry(link, fingerprint: print, depth: job.depth + 1, referrer: referrer)
        }
        return settlement
    }

    /// A redirect: the next hop goes into the shared frontier, behind its
    /// own host's robots.txt, delay and `--per-host`, as in one process;
    /// one a trap rule refuses is recorded here at once, under the lease.
    private mutating func handOn(_ job: CrawlJob, lease: FrontierLease, to follow: RedirectFollow) -> Settlement {
        let path = PathTrapRules.path(of: follow.target)
        if let refusal = statelessRefusal(follow.target, path: path, hostKey: follow.hostKey) {
            let from = follow.hop.fetched.last ?? job.url
            active[job.recordURL] = lease
            refusedHops.append(CrawlJob(
                url: follow.target, depth: job.depth, hostID: internHost(follow.hostKey),
                kind: .refusedRedirect("redirect from \(from) to \(follow.target) is refused by the \(refusal.rawValue) limit"),
                attempt: job.attempt, redirect: follow.hop, referrer: job.referrer))
            return Settlement(disposition: .redirected)
        }
        // The hop's identity is its chain and step, so a chain fetched
        // twice (its lease lost) hands on each hop once.
        let hop = FrontierEntry(url: follow.target, hostKey: follow.hostKey, depth: job.depth, referrer: job.referrer,
                                fingerprint: fingerprint("\(follow.hop.origin)\n\(follow.hop.fetched.count)\n\(follow.target)"),
                                admission: .hop(payload: HopPayload.encode(follow.hop)))
        return Settlement(disposition: .redirected, adds: [hop], ending: (lease, .redirected))
    }
}

extension LeaseFrontier: CrawlFrontier {}
