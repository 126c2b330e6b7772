extension RedisFrontierStore {
    /// The counters of every partition, summed; O(partitions), one pipeline.
    public func status() throws(RedisError) -> FrontierStatus {
        let commands: [[any RedisArgument]] = (0..<partitions).flatMap { partition -> [[any RedisArgument]] in
            [["HGETALL", keys.stat(partition)], ["ZCARD", keys.ready(partition)], ["ZCARD", keys.leases(partition)]]
        }
        let replies = try redis.pipeline(commands)
        var status = FrontierStatus(pending: 0, inFlight: 0, done: 0, dead: 0, readyHosts: 0, leased: 0, versions: [])
        for partition in 0..<partitions {
            let stat = try fields(replies[3 * partition], from: "status")
            status.pending += stat["pending"] ?? 0
            status.inFlight += stat["inflight"] ?? 0
            status.done += stat["done"] ?? 0
            status.dead += stat["dead"] ?? 0
            status.readyHosts += try integer(replies[3 * partition + 1], from: "status")
            status.leased += try integer(replies[3 * partition + 2], from: "status")
            status.versions.append(stat["ver"] ?? 0)
            for (field, value) in stat where field.hasPrefix("refused:") {
                status.refused[String(field.dropFirst("refused:".count)), default: 0] += value
            }
        }
        let ready = try redis.evaluate(FrontierReadyScript.script, calls: (0..<partitions).map { partition in
            RedisScript.Call(keys: [keys.prefix(partition)], arguments: [])
        })
        for reply in ready {
            guard let counts = reply.elements, counts.count == 2 else { throw malformed(reply, from: "status") }
            status.hostsDue += counts[0].integerValue ?? 0
            status.hostsWaiting += counts[1].integerValue ?? 0
        }
        return status
    }

    /// Says worker `id` is alive (on Redis's clock).
    public func beat(worker id: String) throws(RedisError) {
        _ = try redis.evaluate(FrontierWorkersScript.script, keys: [keys.workers], arguments: ["beat", id])
    }

    /// Says worker `id` has ended.
    public func leave(worker id: String) throws(RedisError) {
        _ = try redis.evaluate(FrontierWorkersScript.script, keys: [keys.workers], arguments: ["gone", id])
    }

    /// Workers that beat within the last `windowMs`.
    public func workersAlive(windowMs: Int64) throws(RedisError) -> Int {
        Int(try integer(redis.evaluate(FrontierWorkersScript.script, keys: [keys.workers], arguments: ["alive", windowMs]),
                        from: "workersAlive"))
    }

    /// The stored settings, or nil when no crawl of this name was started;
    /// and whether its seeds are in (`markSeeded`).
    public func storedSettings() throws(RedisError) -> (settings: [UInt8], seeded: Bool)? {
        let replies = try redis.pipeline([["GET", keys.settings], ["EXISTS", keys.seeded]])
        return replies[0].bytes.map { ($0, replies[1].integerValue == 1) }
    }

    /// Says the crawl's seeds are added: a process joining before this
    /// would find nothing to do and take the crawl for finished.
    public func markSeeded() throws(RedisError) {
        try redis.command("SET", keys.seeded, "1")
    }

    /// The level of level-synchronous BFS: only items at depth ≤ level are
    /// leased (`acquire(level:)`).
    public func currentLevel() throws(RedisError) -> Int {
        Int(try redis.command("GET", keys.level).integerValue ?? 0)
    }

    /// Moves to the next level when the current one has nothing pending or
    /// in flight; returns the level afterwards.
    ///
    /// The partitions are read one after another, not atomically, and that
    /// is safe: level-L items are added only by completing level L−1 pages,
    /// all of which were done before the level became L, so no count of
    /// level L can rise from zero while we read; reaping and retrying move
    /// an item between `pending:L` and `inflight:L` inside one script, so
    /// an item never shows as zero in both (giving it up moves it to
    /// `dead:L`, for good). The advance itself is a script
    /// that checks the level is still L, so two workers advance it once.
    @discardableResult
    public func advanceLevelIfDone() throws(RedisError) -> Int {
        let level = try currentLevel()
        let replies = try redis.pipeline((0..<partitions).map { partition in
            ["HMGET", keys.stat(partition), "pending:\(level)", "inflight:\(level)"]
        })
        for reply in replies {
            guard let counts = reply.elements else { throw malformed(reply, from: "advanceLevelIfDone") }
            if counts.contains(where: { ($0.integerValue ?? 0) != 0 }) { return level }
        }
        let advanced = try redis.evaluate(FrontierAdvanceLevelScript.script, keys: [keys.level], arguments: [level])
        return Int(try integer(advanced, from: "advanceLevelIfDone"))
    }

    /// True when nothing is pending or in flight anywhere: every partition
    /// is read twice, and the answer is yes only if both reads show zeros
    /// and every partition's `ver` is unchanged between them — each
    /// partition was then constant over an interval all the intervals
    /// share, a consistent snapshot (SCALE-OUT §6, termination).
    public func isFinished() throws(RedisError) -> Bool {
        let first = try counters()
        guard first.allSatisfy({ $0.pending == 0 && $0.inflight == 0 }) else { return false }
        let second = try counters()
        return first == second
    }

    private struct Counters: Equatable {
        var pending: Int64, inflight: Int64, version: Int64
    }

    private func counters() throws(RedisError) -> [Counters] {
        let replies = try redis.pipeline((0..<partitions).map { partition in
            ["HMGET", keys.stat(partition), "pending", "inflight", "ver"]
        })
        var counters: [Counters] = []
        for reply in replies {
            guard let values = reply.elements, values.count == 3 else { throw malformed(reply, from: "isFinished") }
            counters.append(Counters(pending: values[0].integerValue ?? 0, inflight: values[1].integerValue ?? 0,
                                     version: values[2].integerValue ?? 0))
        }
        return counters
    }

    private func fields(_ reply: RedisReply, from call: String) throws(RedisError) -> [String: Int64] {
        guard let elements = reply.elements, elements.count % 2 == 0 else { throw malformed(reply, from: call) }
        var fields: [String: Int64] = [:]
        for at in stride(from: 0, to: elements.count, by: 2) {
            if let name = elements[at].string { fields[name] = elements[at + 1].integerValue }
        }
        return fields
    }
}
