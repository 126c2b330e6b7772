import Synchronization

/// A cap on the response-body bytes that all transfers of one fetcher hold
/// at once. Without it, memory is bounded only by concurrency × the body
/// cap: 64 slow 10 MB bodies hold 640 MB, and at `--concurrency 1024` the
/// bound is 10 GB.
///
/// Each transfer reserves its bytes here as they arrive (the most its
/// buffer has held, so a reset between redirect or 1xx blocks is not
/// counted twice) and gives them all back when it ends, its body handed to
/// the caller or dropped. A transfer that would take the total past
/// `limit` waits: the event loop pauses it (CURLPAUSE_RECV, so the server
/// sees TCP back-pressure), a blocking transfer sleeps in its write
/// callback. Neither holds more than the chunk curl is delivering.
///
/// **Progress.** If every transfer waited once the budget was spent, none
/// could finish and free it. So one transfer at a time, the first to find
/// the budget spent, is *privileged*: it goes on past the limit until it
/// ends. Bytes held never exceed `limit` plus one body
/// (`FetchConfiguration.maxBodyBytes`), and some transfer is always moving.
public final class BodyBudget: Sendable {
    /// How the budget was used, for the run report.
    public struct Stats: Sendable, Equatable, Codable {
        public var limitBytes: Int
        /// Times a transfer was held back for want of room (once per wait,
        /// however long it lasted).
        public var stalls: Int
        /// The most body bytes held at once.
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
    }

    public let limit: Int
    private let state = Mutex(State())

    /// `limit` is clamped to at least 1 byte.
    public init(limit: Int) {
        self.limit = max(1, limit)
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
            if state.held + count > limit {
                if let privileged = state.privileged, privileged != owner { return false }
                state.privileged = owner
            }
            state.held += count
            state.peak = max(state.peak, state.held)
            return true
        }
    }

    /// Whether `reserve` could succeed for a transfer that is not the
    /// privileged one: worth waking a waiting transfer for.
    var admitsWaiting: Bool {
        state.withLock { $0.held < limit || $0.privileged == nil }
    }

    /// Counts one transfer starting to wait.
    func recordStall() {
        state.withLock { $0.stalls += 1 }
    }

    /// Gives back everything `owner` held, at the end of its transfer.
    func release(_ count: Int, of owner: UInt64) {
        state.withLock { state in
            state.held -= count
            if state.privileged == owner { state.privileged = nil }
        }
    }

    public var stats: Stats {
        state.withLock { Stats(limitBytes: limit, stalls: $0.stalls, peakBytes: $0.peak) }
    }

    /// Bytes held now.
    var heldBytes: Int { state.withLock { $0.held } }
}
