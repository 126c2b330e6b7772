import DequeModule

/// Decides, for the coordinator of `--mode processes`, when a sharded crawl
/// is over and how deep the workers may fetch. A pure state machine: it
/// takes the coordinator's events and does no I/O.
///
/// **Termination by counting.** The coordinator counts the `discover`
/// batches it sends to each shard; each worker counts those it has fully
/// processed and reports the count in every `status`. A shard is quiescent
/// when its latest status says idle *and* acknowledges every batch sent to
/// it. The crawl is over when every shard is quiescent and the coordinator
/// holds nothing unrouted. A pipe is FIFO, so a status is read after every
/// `links` message its worker sent before it: links that a worker found
/// before going idle have been routed (and counted as sent) by the time its
/// idle status is seen. Workers must report a status once configured and
/// whenever they go idle; a shard that never reported is not quiescent.
///
/// **The global depth gate.** `depthCeiling` is the smallest depth still
/// pending anywhere the coordinator can see — each shard's latest
/// `minPendingDepth`, the batches sent but not yet acknowledged, the URLs
/// held unrouted — plus one. Every pending URL is either visible there or
/// was found from a visible one (so is deeper), hence that minimum never
/// exceeds the true one, and a URL at most one level below the true minimum
/// cannot be reached by a shorter path any more: dispatching up to the
/// ceiling keeps depths exact. The true minimum never decreases (a new URL
/// is one deeper than its pending parent), so a ceiling once safe stays
/// safe: workers may keep the highest ceiling they were sent, and
/// `takeCeilingIncrease()` only ever announces increases.
public struct TerminationDetector: Sendable {
    private struct Shard: Sendable {
        var sent = 0
        var latest: ShardStatus?
        /// Unacknowledged batches as (number, min depth), kept as a
        /// monotone queue: min depths strictly increase front to back, so
        /// the front holds the minimum. Acknowledgements pop the front.
        var unacknowledged: Deque<(number: Int, minDepth: Int)> = []

        var isQuiescent: Bool {
            guard let latest else { return false }
            return latest.idle && latest.batchesReceived == sent
        }

        var minPendingDepth: Int? {
            optionalMin(latest?.minPendingDepth, unacknowledged.first?.minDepth)
        }
    }

    private var shards: [Shard]
    /// Smallest depth among URLs the coordinator holds but has not sent.
    public private(set) var unroutedMinDepth: Int?
    private var lastAnnouncedCeiling: Int?

    public init(shards: Int) {
        precondition(shards >= 1, "a crawl needs at least one shard, got \(shards)")
        self.shards = Array(repeating: Shard(), count: shards)
    }

    /// Records a `discover` batch sent to `shard`; `minDepth` is the smallest
    /// depth in it (nil for an empty batch, which still counts).
    public mutating func sentBatch(to shard: Int, minDepth: Int?) {
        shards[shard].sent += 1
        guard let minDepth else { return }
        let number = shards[shard].sent
        while let last = shards[shard].unacknowledged.last, last.minDepth >= minDepth {
            shards[shard].unacknowledged.removeLast()
        }
        shards[shard].unacknowledged.append((number, minDepth))
    }

    /// Records a `discover` batch of `urls` sent to `shard`.
    public mutating func sentBatch(_ urls: [DiscoveredURL], to shard: Int) {
        sentBatch(to: shard, minDepth: urls.lazy.map(\.depth).min())
    }

    /// Records the coordinator's own holdings: the smallest depth among
    /// links it has received but not yet sent on, nil when it holds none.
    /// `ShardCoordinator` routes each `links` message as it reads it, so it
    /// holds none and never calls this; the model of a sharded crawl in the
    /// tests (`ShardedCrawlModel`) does, to check the detector for a
    /// coordinator that batches its routing.
    public mutating func setUnrouted(minDepth: Int?) {
        unroutedMinDepth = minDepth
    }

    /// Records the latest status of `shard`. Throws `.protocolViolation` when
    /// the status cannot be true: more batches acknowledged than sent, fewer
    /// than before, or idle with a pending depth.
    public mutating func received(_ status: ShardStatus, from shard: Int) throws(TrawlError) {
        let sent = shards[shard].sent
        guard status.batchesReceived <= sent else {
            throw TrawlError(.protocolViolation, "shard \(shard) reports \(status.batchesReceived) discover batches received, but only \(sent) were sent to it")
        }
        if let previous = shards[shard].latest, status.batchesReceived < previous.batchesReceived {
            throw TrawlError(.protocolViolation, "shard \(shard) reports \(status.batchesReceived) discover batches received, fewer than the \(previous.batchesReceived) it reported before")
        }
        if status.idle, let depth = status.minPendingDepth {
            throw TrawlError(.protocolViolation, "shard \(shard) reports itself idle with URLs pending at depth \(depth)")
        }
        shards[shard].latest = status
        while let first = shards[shard].unacknowledged.first, first.number <= status.batchesReceived {
            shards[shard].unacknowledged.removeFirst()
        }
    }

    /// A new worker takes over `shard` (its predecessor died, or a resumed
    /// crawl starts): counting batches starts again with it, and until its
    /// first status the shard is not quiescent and may hold URLs as
    /// shallow as `floor`. A successor rebuilds only what its predecessor
    /// held or was sent, so the predecessor's smallest pending depth is a
    /// safe floor; nil when it held nothing.
    public mutating func awaitNewWorker(shard: Int, floor: Int?) {
        shards[shard] = Shard(latest: ShardStatus(idle: false, batchesReceived: 0, minPendingDepth: floor,
                                                  pagesDone: shards[shard].latest?.pagesDone ?? 0))
    }

    /// The smallest depth `shard` may hold: its latest status's, or of the
    /// batches it has not yet acknowledged.
    public func minPendingDepth(of shard: Int) -> Int? {
        shards[shard].minPendingDepth
    }

    /// The highest ceiling announced so far.
    public var announcedCeiling: Int? { lastAnnouncedCeiling }

    /// Every shard is quiescent and the coordinator holds nothing unrouted.
    public var isFinished: Bool {
        unroutedMinDepth == nil && shards.allSatisfy(\.isQuiescent)
    }

    public func isQuiescent(shard: Int) -> Bool {
        shards[shard].isQuiescent
    }

    public func batchesSent(to shard: Int) -> Int {
        shards[shard].sent
    }

    /// The latest status of `shard`, nil before its first.
    public func latestStatus(of shard: Int) -> ShardStatus? {
        shards[shard].latest
    }

    /// Pages done over every shard's latest status.
    public var pagesDone: Int {
        shards.reduce(0) { $0 + ($1.latest?.pagesDone ?? 0) }
    }

    /// The deepest level any worker may dispatch now: the smallest pending
    /// depth the coordinator can see, plus one; nil when nothing is pending.
    public var depthCeiling: Int? {
        var smallest = unroutedMinDepth
        for shard in shards { smallest = optionalMin(smallest, shard.minPendingDepth) }
        return smallest.map { $0 + 1 }
    }

    /// The ceiling to send to the workers, when it is higher than the last
    /// one this returned; nil when there is nothing new to announce.
    public mutating func takeCeilingIncrease() -> Int? {
        guard let ceiling = depthCeiling else { return nil }
        if let lastAnnouncedCeiling, ceiling <= lastAnnouncedCeiling { return nil }
        lastAnnouncedCeiling = ceiling
        return ceiling
    }
}

private func optionalMin(_ a: Int?, _ b: Int?) -> Int? {
    guard let a else { return b }
    guard let b else { return a }
    return min(a, b)
}
