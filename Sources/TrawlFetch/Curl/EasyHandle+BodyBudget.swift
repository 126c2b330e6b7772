internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How a transfer waits when the fetcher's `BodyBudget` has no room.
enum BodyBudgetWait {
    /// The event loop's way: the write callback returns
    /// CURL_WRITEFUNC_PAUSE and the handle joins `PausedTransfers`, which
    /// the loop resumes from once a transfer ends. curl keeps the chunk it
    /// could not deliver and hands it over again on resumption.
    case pause(PausedTransfers)
    /// The blocking fetcher's way: the write callback sleeps on its own
    /// thread until there is room, the caller cancels, or the transfer's
    /// time is up. curl makes no speed check while its callback runs.
    case sleep
}

/// The transfers of one multi loop paused for the body budget, oldest
/// first. Confined to the loop thread, like the loop.
final class PausedTransfers {
    var handles: [EasyHandle] = []
}

extension EasyHandle {
    /// Called by the write callback before `count` more body bytes are
    /// kept: nil to go on, or what the callback must return to curl
    /// (CURL_WRITEFUNC_PAUSE, or 0 to abort).
    func reserveBudget(forMore count: Int) -> Int? {
        guard let budget else { return nil }
        let needed = body.count + count - budgetHeld
        guard needed > 0 else { return nil }
        if budget.reserve(needed, for: budgetOwner) {
            budgetHeld += needed
            budgetWaiting = false
            return nil
        }
        if !budgetWaiting {
            budgetWaiting = true
            budget.recordStall()
        }
        switch budgetWait {
        case .pause(let paused):
            paused.handles.append(self)
            return Int(CURL_WRITEFUNC_PAUSE)
        case .sleep:
            return sleepForBudget(budget, needed: needed) ? nil : 0
        }
    }

    /// Counts `capacity` bytes for the body ahead of its arrival if the
    /// budget has that room without going past its cap (and never waits):
    /// false means make no room ahead, let the body grow as it comes.
    func reserveBudgetAhead(_ capacity: Int) -> Bool {
        guard let budget else { return true }
        let needed = capacity - budgetHeld
        guard needed > 0 else { return true }
        guard budget.reserveWithinLimit(needed) else { return false }
        budgetHeld += needed
        return true
    }

    /// Sleeps 1 ms, then up to 16 ms, between tries. False when the caller
    /// cancelled or the transfer's time ran out (the transfer is aborted).
    private func sleepForBudget(_ budget: BodyBudget, needed: Int) -> Bool {
        var pause = 1_000_000
        while true {
            if let check = cancellationCheck, check() {
                abortedByCaller = true
                return false
            }
            if ContinuousClock.now >= transferDeadline {
                budgetTimedOut = true
                return false
            }
            var interval = timespec(tv_sec: 0, tv_nsec: pause)
            nanosleep(&interval, nil)
            pause = min(pause * 2, 16_000_000)
            if budget.reserve(needed, for: budgetOwner) {
                budgetHeld += needed
                budgetWaiting = false
                return true
            }
        }
    }

    /// Lets a transfer paused for the budget receive again. Call from the
    /// loop, never from inside a curl callback: curl may deliver the kept
    /// chunk at once, and the write callback may pause the transfer again.
    func resumeAfterBudgetPause() {
        _ = CCurl_easy_unpause(raw)
    }

    /// Ends a successful transfer's reservation: its body stays counted
    /// until the response carrying the returned lease is dropped.
    func handOverBudget() -> BodyLease? {
        guard let budget, budgetOwner != 0 else { return nil }
        let lease = budget.handOver(reserved: budgetHeld, body: min(body.count, budgetHeld), of: budgetOwner)
        budgetHeld = 0
        budgetOwner = 0
        budgetWaiting = false
        return lease
    }

    /// Gives the transfer's bytes back when it fails or is abandoned (a
    /// no-op after `handOverBudget`), and ends its privilege if it had it.
    func releaseBudget() {
        guard let budget, budgetOwner != 0 else { return }
        budget.release(budgetHeld, of: budgetOwner)
        budgetHeld = 0
        budgetOwner = 0
        budgetWaiting = false
    }
}
