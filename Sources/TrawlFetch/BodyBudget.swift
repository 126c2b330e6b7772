import Synchronization

/// A cap on the response-body bytes that one fetcher's transfers, and the
/// responses it has handed over, hold at once. Without it, memory is
/// bounded only by concurrency × the body cap: 64 slow 10 MB bodies hold
/// 640 MB, and at `--concurrency 1024` the bound is 10 GB.
///
/// A transfer reserves its bytes here as they arrive (the most its buffer
/// has held, so a reset between redirect or 1xx blocks is not counted
/// twice). When it succeeds, its body's bytes stay counted until the
/// `FetchResponse` carrying it is dropped (its `BodyLease` ends), so bodies
/// waiting to be parsed count too; when it fails, they are given back at
/// once. A transfer that would take the total past `limit` waits: the event
/// loop pauses it (CURLPAUSE_RECV, so the server sees TCP back-pressure), a
/// blocking transfer sleeps in its write callback. Neither holds more than
/// the chunk curl is delivering.
///
/// **Progress.** If every transfer waited once the budget was spent, the
/// partial bodies of paused transfers could fill it with none able to
/// finish. So while the total is within `limit`, the first transfer to find
/// no room for its next chunk becomes *privileged*: it goes on past the
/// limit until it ends, and no other is privileged meanwhile. Bytes held
/// never exceed `limit` plus one body (`FetchConfiguration.maxBodyBytes`).
/// Partial bodies never exceed `limit` by themselves, so some transfer can
/// always go on once callers drop the responses they were handed; a caller
/// that keeps more than `limit` of response bodies while it waits for
/// another fetch waits forever (or until that fetch's timeout).
public final class BodyBudget: Sendable {
    /// How the budget was used, for the run report.
    public struct Stats: Sendable, Equatable, Codable {
        public var limitBytes: Int
        /// Times a transfer was held back for want of room (once per wait,
        /// however long it lasted).
        public var stalls: Int
        /// The most body bytes held at once, in transfers and in responses
        /// not yet dropped.
        public var peakBytes: Int

        public init(limitBytes: Int, stalls: Int, peakBytes: Int) {
            self.limitBytes = limitBytes
            self.stalls = stalls
            self.peakBytes = peakBytes
        }

        /// Several fetchers' use as one: limits, stalls and peaks summed
        /// (the summed peaks bound what all held at once).
        public static func total(of parts: [Stats]) -> Stats {
            parts.reduce(Stats(limitBytes: 0, stalls: 0, peakBytes: 0)) {
                Stats(limitBytes: $0.limitBytes + $1.limitBytes, stalls: $0.stalls + $1.stalls,
                      peakBytes: $0.peakBytes + $1.peakBytes)
            }
        }
    }

    private struct State {
        var held = 0
        var peak = 0
        var stalls = 0
        var privileged: UInt64? = nil
        var lastOwner: UInt64 = 0
        /// A transfer found no room and may still be waiting: bytes given
        /// back by a response wake whoever resumes it, every time, until
        /// the event loop says none waits (`noneWaiting`). Cleared on the
        /// first wake instead, a wake that found too little room would be
        /// the last, and the waiters would sleep until their timeouts.
        var wakeWanted = false
        var onRoom: (@Sendable () -> Void)? = nil
    }

    public let limit: Int
    private let state = Mutex(State())

    /// `limit` is clamped to at least 1 byte.
    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Called, on whichever thread drops a response, when its bytes come
    /// back while a transfer waits: the event loop wakes to resume it.
    /// (Blocking transfers look again by themselves.)
    func onRoom(_ handler: @escaping @Sendable () -> Void) {
        state.withLock { $0.onRoom = handler }
    }

    /// A fresh name for one transfer's reservations.
    func newOwner() -> UInt64 {
        state.withLock { state in
            state.lastOwner += 1
            return state.lastOwner
        }
    }

    /// Takes `count` more bytes for `owner` if the budget has room or
    /// `owner` may go past it (see "Progress"); false means wait.
    func reserve(_ count: Int, for owner: UInt64) -> Bool {
        state.withLock { state in
            if state.held + count > limit, state.privileged != owner {
                guard state.privileged == nil, state.held <= limit else {
                    state.wakeWanted = true
                    return false
                }
                state.privileged = owner
            }
            state.held += count
            state.peak = max(state.peak, state.held)
            return true
        }
    }

    /// Takes `count` bytes only if they fit under the cap: for room made
    /// ahead of a body, which may as well not be made.
    func reserveWithinLimit(_ count: Int) -> Bool {
        state.withLock { state in
            guard state.held + count <= limit else { return false }
            state.held += count
            state.peak = max(state.peak, state.held)
            return true
        }
    }

    /// Whether `reserve` could succeed for a transfer that is not the
    /// privileged one: worth resuming a waiting transfer for.
    var admitsWaiting: Bool {
        state.withLock { $0.held < limit || ($0.privileged == nil && $0.held <= limit) }
    }

    /// Counts one transfer starting to wait.
    func recordStall() {
        state.withLock { $0.stalls += 1 }
    }

    /// Gives back everything `owner` held: its transfer failed or was
    /// abandoned.
    func release(_ count: Int, of owner: UInt64) {
        state.withLock { state in
            state.held -= count
            if state.privileged == owner { state.privileged = nil }
        }
    }

    /// Ends `owner`'s transfer, which reserved `reserved` bytes and keeps a
    /// body of `body` of them: the rest is given back, the body stays
    /// counted until the returned lease ends.
    func handOver(reserved: Int, body: Int, of owner: UInt64) -> BodyLease? {
        state.withLock { state in
            state.held -= reserved - body
            if state.privileged == owner { state.privileged = nil }
        }
        return body > 0 ? BodyLease(budget: self, bytes: body) : nil
    }

    /// A response's body was dropped.
    fileprivate func giveBack(_ bytes: Int) {
        let wake: (@Sendable () -> Void)? = state.withLock { state in
            state.held -= bytes
            return state.wakeWanted ? state.onRoom : nil
        }
        wake?()
    }

    /// The event loop has no paused transfer left: dropped responses need
    /// not wake it. (A transfer that fails to reserve again sets it back.)
    func noneWaiting() {
        state.withLock { $0.wakeWanted = false }
    }

    public var stats: Stats {
        state.withLock { Stats(limitBytes: limit, stalls: $0.stalls, peakBytes: $0.peak) }
    }

}

/// A handed-over body's place in its fetcher's `BodyBudget`: given back
/// when the last copy of the `FetchResponse` holding it is dropped.
final class BodyLease: Sendable {
    private let budget: BodyBudget
    let bytes: Int

    fileprivate init(budget: BodyBudget, bytes: Int) {
        self.budget = budget
        self.bytes = bytes
    }

    deinit {
        budget.giveBack(bytes)
    }
}
