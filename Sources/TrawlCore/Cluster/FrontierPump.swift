import Dispatch
import Foundation
import Logging
import Synchronization
import TrawlFetch
import TrawlRedis

/// The Redis side of one process of a shared-frontier crawl: a thread of
/// its own that owns the connection (hiredis blocks), so the crawl loop
/// never waits on Redis. The loop hands it writes (`submit`); it adds each
/// page's links before it ends the page's lease (so the crawl never looks
/// finished while a page's links are unwritten), keeps up to `capacity`
/// leases held, extends them, and posts what it leased into the loop's
/// mailbox. When this process holds nothing and no partition has work at
/// the crawl's level, it moves the level on once that level is done
/// everywhere, and posts `.finished` once nothing is pending or in flight
/// anywhere (`RedisFrontierStore.isFinished`): no idle timeout decides it.
final class FrontierPump: Sendable {
    enum Event: Sendable {
        case leases([FrontierLease])
        /// Nothing is pending or in flight anywhere: the crawl is over.
        case finished
        /// Redis failed in a way waiting will not mend.
        case failed(TrawlError)
    }

    /// One settled job's writes: `adds` first, then the lease's end.
    struct Write: Sendable {
        var adds: [FrontierEntry]
        var ending: (lease: FrontierLease, outcome: FrontierCompletion)?
    }

    struct Configuration: Sendable {
        var endpoint: RedisEndpoint
        var settings: ClusterSettings
        /// Leases this process holds at most: its `--concurrency`.
        var capacity: Int
        /// How long a lease lasts unless extended; it is extended every
        /// third of it, so a live process keeps its leases through two
        /// missed beats, and a dead one's come back after at most this.
        var leaseLength: Duration
        var workerID: String
        var fault: FaultPoint?
    }

    private struct Inbox: ~Copyable {
        var writes: [Write] = []
        var stopping = false
    }

    private let inbox = Mutex(Inbox())
    private let wake = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)

    private init() {}

    /// Starts the thread; `post` delivers its events to the loop.
    static func start(_ configuration: Configuration, logger: Logger,
                      post: @escaping @Sendable (Event) -> Void) throws(TrawlError) -> FrontierPump {
        let pump = FrontierPump()
        try OSThread.detached(name: "trawl-frontier") {
            var loop = PumpLoop(configuration, logger: logger, post: post)
            loop.run(inbox: pump.inbox, wake: pump.wake)
            pump.ended.signal()
        }
        return pump
    }

    func submit(_ write: Write) {
        inbox.withLock { $0.writes.append(write) }
        wake.signal()
    }

    /// Writes what was submitted, says this worker is gone, and ends the
    /// thread; returns once it has.
    func stop() async {
        inbox.withLock { $0.stopping = true }
        wake.signal()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [ended] in
                ended.wait()
                continuation.resume()
            }
        }
    }

    /// The thread's state: everything in here belongs to the thread.
    private struct PumpLoop {
        let configuration: Configuration
        let logger: Logger
        let post: @Sendable (Event) -> Void
        let store: RedisFrontierStore
        /// Leases issued to this process and not yet ended, by partition and id.
        var held: [Int: [Int64: FrontierLease]] = [:]
        var heldCount = 0
        var level = 0
        var lastBeat = ContinuousClock.now - .seconds(3600)
        /// Partitions whose last acquire found nothing: tried again only
        /// every `coldSweep`, or when this process has nothing to do.
        var cold: Set<Int> = []
        var lastSweep = ContinuousClock.now - .seconds(3600)
        var pagesWritten = 0
        var finished = false

        static let coldSweep: Duration = .milliseconds(50)
        /// How often a process with nothing to do looks for work, and one
        /// waiting for its jobs to end looks for more (a job's end wakes it
        /// at once).
        static let idlePoll = DispatchTimeInterval.milliseconds(10)
        static let busyPoll = DispatchTimeInterval.milliseconds(5)

        init(_ configuration: Configuration, logger: Logger, post: @escaping @Sendable (Event) -> Void) {
            self.configuration = configuration
            self.logger = logger
            self.post = post
            let redis = ReconnectingRedis(endpoint: configuration.endpoint) { retry in
                logger.warning("\(retry.description)")
            }
            store = RedisFrontierStore(redis: redis, crawl: configuration.endpoint.crawl,
                                       partitions: configuration.settings.partitions, policy: configuration.settings.policy)
        }

        var leaseMs: Int64 { Int64(configuration.leaseLength.milliseconds) }

        mutating func run(inbox: borrowing Mutex<Inbox>, wake: DispatchSemaphore) {
            do {
                level = try store.currentLevel()
                while true {
                    let (writes, stopping) = inbox.withLock { inbox in
                        defer { inbox.writes.removeAll(keepingCapacity: true) }
                        return (inbox.writes, inbox.stopping)
                    }
                    try write(writes)
                    if stopping {
                        try giveBackUnseen()
                        break
                    }
                    try heartbeat()
                    let leased = finished ? 0 : try acquire()
                    if leased == 0 && heldCount == 0 && !finished { try checkProgress() }
                    let pending = inbox.withLock { !$0.writes.isEmpty || $0.stopping }
                    if leased == 0 && !pending {
                        _ = wake.wait(timeout: .now() + (heldCount == 0 ? Self.idlePoll : Self.busyPoll))
                    }
                }
                try? store.leave(worker: configuration.workerID)
            } catch {
                post(.failed(TrawlError(error)))
                // Drain until told to stop, so `stop()` returns.
                while !inbox.withLock({ $0.stopping }) { _ = wake.wait(timeout: .now() + .milliseconds(100)) }
            }
        }

        /// Each write's links, then (pipelined) every lease's end.
        mutating func write(_ writes: [Write]) throws(RedisError) {
            guard !writes.isEmpty else { return }
            let adds = writes.flatMap(\.adds)
            if !adds.isEmpty { try store.add(adds) }
            let endings = writes.compactMap(\.ending)
            for ending in endings where ending.outcome.isPage {
                pagesWritten += 1
                if configuration.fault == .afterLinksAdded(pagesWritten) { FaultPoint.die("links added, page \(pagesWritten) not completed") }
            }
            try store.complete(endings.map { ($0.lease, $0.outcome) })
            for ending in endings where held[ending.lease.partition]?.removeValue(forKey: ending.lease.id) != nil {
                heldCount -= 1
            }
        }

        /// Leases still held when the loop has stopped and given back its
        /// own were posted after it stopped reading: given back too, now,
        /// rather than left to expire.
        mutating func giveBackUnseen() throws(RedisError) {
            let unseen = held.values.flatMap(\.values)
            guard !unseen.isEmpty else { return }
            try store.complete(unseen.map { ($0, .retry(afterMs: 0, holdsHost: false)) })
            held.removeAll()
            heldCount = 0
        }

        /// Every third of a lease: the held leases run a full lease from
        /// now, and this worker is seen alive.
        mutating func heartbeat() throws(RedisError) {
            let now = ContinuousClock.now
            guard now - lastBeat >= configuration.leaseLength / 3 else { return }
            lastBeat = now
            let leases = held.values.flatMap(\.values)
            if !leases.isEmpty { try store.extend(leases, leaseMs: leaseMs) }
            try store.beat(worker: configuration.workerID)
        }

        /// Leases up to the free capacity, from the warm partitions (and,
        /// now and then or when idle, the cold ones); returns how many.
        mutating func acquire() throws(RedisError) -> Int {
            let free = configuration.capacity - heldCount
            guard free > 0 else { return 0 }
            let now = ContinuousClock.now
            let sweep = heldCount == 0 || now - lastSweep >= Self.coldSweep
            if sweep { lastSweep = now }
            let partitions = (0..<store.partitions).filter { sweep || !cold.contains($0) }
            guard !partitions.isEmpty else { return 0 }
            // An even share of the free capacity per partition, at least
            // one: a process may hold a few more than `capacity` for a
            // moment, never more than one per partition over.
            let share = max(1, free / partitions.count)
            let results = try store.acquire(partitions: partitions, max: share, leaseMs: leaseMs, level: level)
            var leased: [FrontierLease] = []
            for (partition, result) in zip(partitions, results) {
                if result.leases.isEmpty && result.wakeHintMs == nil { cold.insert(partition) } else { cold.remove(partition) }
                for lease in result.leases {
                    held[partition, default: [:]][lease.id] = lease
                    heldCount += 1
                }
                leased += result.leases
            }
            if !leased.isEmpty { post(.leases(leased)) }
            return leased.count
        }

        /// Nothing held, nothing leasable: the level may be done
        /// everywhere, or the whole crawl.
        mutating func checkProgress() throws(RedisError) {
            // Finished first: an empty level would otherwise be advanced
            // past, again and again, with nothing left anywhere.
            if try store.isFinished() {
                finished = true
                post(.finished)
                return
            }
            let now = try store.advanceLevelIfDone()
            if now != level {
                level = now
                cold.removeAll()
            }
        }
    }
}

extension FrontierCompletion {
    var isPage: Bool {
        if case .page = self { return true }
        return false
    }
}
