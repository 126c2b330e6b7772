import DequeModule
import Synchronization

/// A queue of events for one consumer task, whose `next()` keeps waiting
/// when that task is cancelled. `AsyncStream` ends its iteration on
/// cancellation; the coordinator of `--mode processes` must instead go on
/// draining its workers' pipes after Ctrl-C (which cancels it), so it
/// receives Ctrl-C as one more event.
final class EventMailbox<Event: Sendable>: Sendable {
    private struct State: ~Copyable {
        var events: Deque<Event> = []
        var waiter: CheckedContinuation<Event, Never>?
    }

    private let state = Mutex(State())

    /// Adds an event; wakes the consumer if it is waiting. Any task or
    /// thread may post.
    func post(_ event: Event) {
        let waiter: CheckedContinuation<Event, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// Whether the consumer is waiting in `next()` now (for tests, which
    /// must know they exercise the waiting path).
    var hasWaitingConsumer: Bool { state.withLock { $0.waiter != nil } }

    /// The oldest event, waiting for one if none is queued. One consumer
    /// only: a second concurrent `next()` would overwrite the waiter.
    func next() async -> Event {
        await withCheckedContinuation { continuation in
            let ready: Event? = state.withLock { state in
                if let event = state.events.popFirst() { return event }
                precondition(state.waiter == nil, "EventMailbox has one consumer")
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
