/// The Redis side of a crawl frontier shared by many workers (SCALE-OUT
/// §4, §6): per partition, a ready-host index, one list per host, leases
/// with fencing tokens, an intset seen set and a stream of records, each
/// changed only by one Lua script (see `FrontierLua` for the keys).
///
/// Owned by one thread, like the `ReconnectingRedis` it uses: make one
/// store per worker thread. Calls that lose their connection are retried
/// by `ReconnectingRedis`; every script is safe to run twice (see each
/// script's comment), at the cost of a lease held until it expires.
public final class RedisFrontierStore {
    public let redis: ReconnectingRedis
    public let crawl: String
    public let partitions: Int
    public let policy: FrontierPolicy
    let keys: FrontierKeys

    public init(redis: ReconnectingRedis, crawl: String, partitions: Int = 16, policy: FrontierPolicy = FrontierPolicy()) {
        precondition(partitions > 0, "a frontier needs at least one partition, not \(partitions)")
        self.redis = redis
        self.crawl = crawl
        self.partitions = partitions
        self.policy = policy
        self.keys = FrontierKeys(crawl: crawl, partitions: partitions)
    }

    /// The partition of a host key: FNV-1a 64 of its bytes mod `partitions`.
    public func partition(ofHost hostKey: String) -> Int {
        keys.partition(ofHost: hostKey)
    }

    /// Queues the URLs not seen before; one pipelined script call per
    /// partition. Returns how many were new.
    @discardableResult
    public func add(_ urls: [FrontierEntry]) throws(RedisError) -> Int {
        guard !urls.isEmpty else { return 0 }
        let mask = Int64(policy.bucketsPerPartition - 1)
        var byPartition: [Int: [any RedisArgument]] = [:]
        for entry in urls {
            byPartition[partition(ofHost: entry.hostKey), default: []] += [
                Int(entry.fingerprint & mask), entry.fingerprint, entry.hostKey, entry.depth, entry.url,
                entry.referrer.map { "=" + $0 } ?? "",
            ] + Self.gate(entry.admission)
        }
        let header: [any RedisArgument] = [policy.obeyRobots ? "1" : "0", policy.maxPerHost,
                                           policy.maxPagesPerHost ?? -1, policy.maxQueryVariants ?? -1,
                                           policy.maxPathVariants ?? -1]
        let calls = byPartition.map { partition, arguments in
            RedisScript.Call(keys: [keys.prefix(partition)], arguments: header + arguments)
        }
        var added = 0
        for reply in try redis.evaluate(FrontierAddScript.script, calls: calls) {
            added += Int(try integer(reply, from: "add"))
        }
        return added
    }

    /// The add script's gate, query key, shape key and payload fields.
    private static func gate(_ admission: FrontierEntry.Admission) -> [any RedisArgument] {
        switch admission {
        case .admit(let queryKey, let shapeKey): ["", queryKey ?? "", shapeKey ?? "", ""]
        case .refused(let rule): ["!" + rule, "", "", ""]
        case .hop(let payload): ["h", "", "", payload]
        }
    }

    /// Reaps up to `max` expired leases of `partition`, then leases one item
    /// from each of up to `max` ready hosts whose head item is at depth ≤
    /// `level` (`Int.max`: a crawl without level-synchronous BFS). The wake
    /// hint, when nothing was leased, is when (Redis ms) the soonest host at
    /// depth ≤ `level` is (or was) due, or a parked retry; nil when there
    /// is none (or leases were granted).
    public func acquire(partition: Int, max: Int, leaseMs: Int64, level: Int) throws(RedisError)
        -> (leases: [FrontierLease], wakeHintMs: Int64?) {
        try acquire(partitions: [partition], max: max, leaseMs: leaseMs, level: level)[0]
    }

    /// `acquire(partition:…)` on each of `partitions`, in one pipeline.
    public func acquire(partitions: [Int], max: Int, leaseMs: Int64, level: Int) throws(RedisError)
        -> [(leases: [FrontierLease], wakeHintMs: Int64?)] {
        let arguments: [any RedisArgument] = [max, leaseMs, level, policy.delayMs, policy.maxAttempts]
        let replies = try redis.evaluate(FrontierAcquireScript.script, calls: partitions.map { partition in
            RedisScript.Call(keys: [keys.prefix(partition)], arguments: arguments)
        })
        var results: [(leases: [FrontierLease], wakeHintMs: Int64?)] = []
        for (partition, reply) in zip(partitions, replies) {
            results.append(try leases(in: reply, partition: partition))
        }
        return results
    }

    private func leases(in reply: RedisReply, partition: Int) throws(RedisError) -> (leases: [FrontierLease], wakeHintMs: Int64?) {
        guard let parts = reply.elements, parts.count == 2, let granted = parts[1].elements else {
            throw malformed(reply, from: "acquire")
        }
        var leases: [FrontierLease] = []
        for element in granted {
            guard let fields = element.elements, fields.count == 5,
                  let id = fields[0].integerValue, let host = fields[1].string, let item = fields[2].bytes,
                  let expiry = fields[3].integerValue,
                  let lease = FrontierItem(item).map({ $0.lease(id: id, partition: partition, hostKey: host,
                                                                 rules: fields[4].bytes, expiresAtMs: expiry) })
            else { throw malformed(element, from: "acquire") }
            leases.append(lease)
        }
        return (leases, parts[0].integerValue)
    }

    /// Ends a lease. False, with nothing changed, when the lease is no
    /// longer held (it expired and was reaped: fencing). After a lost
    /// connection the call is run again, and may then answer false for a
    /// completion that did happen.
    @discardableResult
    public func complete(_ lease: FrontierLease, outcome: FrontierCompletion) throws(RedisError) -> Bool {
        try complete([(lease, outcome)])[0]
    }

    /// Ends many leases: one script call per partition, in one pipeline;
    /// each answer as `complete(_:outcome:)`'s, in the order given.
    @discardableResult
    public func complete(_ endings: [(lease: FrontierLease, outcome: FrontierCompletion)]) throws(RedisError) -> [Bool] {
        guard !endings.isEmpty else { return [] }
        var byPartition: [Int: [Int]] = [:]
        for (index, ending) in endings.enumerated() { byPartition[ending.lease.partition, default: []].append(index) }
        let groups = Array(byPartition)
        let header: [any RedisArgument] = [policy.delayMs, policy.maxAttempts]
        let calls = groups.map { partition, indices in
            RedisScript.Call(keys: [keys.prefix(partition)],
                             arguments: header + indices.flatMap { completeArguments(endings[$0].lease, endings[$0].outcome) })
        }
        var held = Array(repeating: false, count: endings.count)
        for ((_, indices), reply) in zip(groups, try redis.evaluate(FrontierCompleteScript.script, calls: calls)) {
            guard let answers = reply.elements, answers.count == indices.count else { throw malformed(reply, from: "complete") }
            for (index, answer) in zip(indices, answers) { held[index] = answer.integerValue == 1 }
        }
        return held
    }

    private func completeArguments(_ lease: FrontierLease, _ outcome: FrontierCompletion) -> [any RedisArgument] {
        let (kind, bytes, ms, record): (String, [UInt8], Int64, [UInt8]) = switch outcome {
        case .page(let record): ("page", record, -1, [])
        case .robots(let rules, let crawlDelayMs, let record): ("robots", rules, crawlDelayMs ?? -1, record)
        case .redirected: ("redirected", [], -1, [])
        case .retry(let afterMs, let holdsHost): (holdsHost ? "retry" : "retrypage", [], afterMs, [])
        }
        return [lease.id, lease.url, kind, bytes, ms, record]
    }

    /// The heartbeat: the held ones of `leases` now run `leaseMs` from now.
    /// Returns how many were still held.
    @discardableResult
    public func extend(_ leases: [FrontierLease], leaseMs: Int64) throws(RedisError) -> Int {
        let calls = Dictionary(grouping: leases, by: \.partition).map { partition, held in
            RedisScript.Call(keys: [keys.prefix(partition)], arguments: [leaseMs] + held.map(\.id))
        }
        var held = 0
        for reply in try redis.evaluate(FrontierExtendScript.script, calls: calls) {
            held += Int(try integer(reply, from: "extend"))
        }
        return held
    }

    /// Stores the crawl's settings unless some are stored already, and
    /// returns the stored ones: a joining worker compares them with its own.
    public func configure(settingsJSON: [UInt8]) throws(RedisError) -> [UInt8] {
        let replies = try redis.pipeline([["SET", keys.settings, settingsJSON, "NX"], ["GET", keys.settings]])
        guard let stored = replies.last?.bytes else { throw malformed(replies.last ?? .bulk(nil), from: "configure") }
        return stored
    }

    /// A partition's records from the stream, after the entry id `after`
    /// ("0" for the beginning), for the exporter.
    public func readRecords(partition: Int, after: String = "0", count: Int) throws(RedisError) -> [(id: String, bytes: [UInt8])] {
        let reply = try redis.command("XRANGE", keys.records(partition), "(" + after, "+", "COUNT", count)
        guard let entries = reply.elements else { throw malformed(reply, from: "readRecords") }
        var records: [(id: String, bytes: [UInt8])] = []
        for entry in entries {
            guard let parts = entry.elements, parts.count == 2, let id = parts[0].string, let fields = parts[1].elements,
                  let at = stride(from: 0, to: fields.count - 1, by: 2).first(where: { fields[$0].string == "record" }),
                  let bytes = fields[at + 1].bytes
            else { throw malformed(entry, from: "readRecords") }
            records.append((id, bytes))
        }
        return records
    }

    func integer(_ reply: RedisReply, from call: String) throws(RedisError) -> Int64 {
        guard let value = reply.integerValue else { throw malformed(reply, from: call) }
        return value
    }

    func malformed(_ reply: RedisReply, from call: String) -> RedisError {
        RedisError(code: .protocol, endpoint: redis.endpoint.server,
                   message: "redis at \(redis.endpoint.server): frontier \(call) of crawl \(crawl) got an unexpected reply \(reply)")
    }
}

@available(*, unavailable, message: "owns a ReconnectingRedis, which belongs to one thread")
extension RedisFrontierStore: Sendable {}
