import Synchronization

typealias TransferContinuation = CheckedContinuation<FinishedTransfer, any Error>

/// Everything the fetcher's callers and its loop thread share, behind one
/// `Mutex`: the table of transfers and their continuations, and the queue
/// of commands for the loop. Each operation decides under the lock and acts
/// (resumes a continuation, wakes the loop) after it.
///
/// A transfer's continuation lives only here, and whoever removes it from
/// the table resumes it: completion, cancellation and shutdown race for that
/// removal, so each continuation is resumed exactly once.
final class LoopMailbox: Sendable {
    enum Command {
        case start(id: UInt64, url: String, timeout: Duration?)
        case cancel(id: UInt64)
        case stop
    }

    private enum Slot {
        /// `fetch` has an id but has not handed over its continuation yet.
        case reserved
        /// The task was cancelled before its continuation arrived.
        case cancelled
        case waiting(TransferContinuation, url: String)
    }

    private struct State {
        var nextID: UInt64 = 1
        var slots: [UInt64: Slot] = [:]
        var commands: [Command] = []
        var isClosed = false

        /// Queues a command; true if the loop needs waking (the queue was
        /// empty, so no wake-up is pending yet).
        mutating func post(_ command: Command) -> Bool {
            commands.append(command)
            return commands.count == 1
        }
    }

    private let state = Mutex(State())
    private let wakeUp: EventFD

    init(wakeUp: EventFD) {
        self.wakeUp = wakeUp
    }

    // MARK: Callers

    /// A new transfer id, or nil once the fetcher has shut down.
    func reserve() -> UInt64? {
        state.withLock { state in
            guard !state.isClosed else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.slots[id] = .reserved
            return id
        }
    }

    /// Hands over the continuation of transfer `id` and asks the loop to
    /// start it, unless the task was cancelled or the fetcher closed first.
    func submit(_ id: UInt64, url: String, timeout: Duration?, _ continuation: TransferContinuation) {
        enum Action { case none, wake, cancelled, closed }
        let action: Action = state.withLock { state in
            switch state.slots[id] {
            case .reserved?:
                state.slots[id] = .waiting(continuation, url: url)
                return state.post(.start(id: id, url: url, timeout: timeout)) ? .wake : .none
            case .cancelled?:
                state.slots[id] = nil
                return .cancelled
            case .waiting?, nil:
                return .closed
            }
        }
        switch action {
        case .none: break
        case .wake: wakeUp.signal()
        case .cancelled: continuation.resume(throwing: CancellationError())
        case .closed: continuation.resume(throwing: Self.shutDownError(url))
        }
    }

    /// The task of transfer `id` was cancelled: resume it with
    /// CancellationError now and have the loop drop the transfer. A
    /// transfer that already finished is left alone.
    func cancel(_ id: UInt64) {
        let (continuation, wake): (TransferContinuation?, Bool) = state.withLock { state in
            switch state.slots[id] {
            case .reserved?:
                state.slots[id] = .cancelled
                return (nil, false)
            case .waiting(let continuation, _)?:
                state.slots[id] = nil
                return (continuation, state.post(.cancel(id: id)))
            case .cancelled?, nil:
                return (nil, false)
            }
        }
        if wake { wakeUp.signal() }
        continuation?.resume(throwing: CancellationError())
    }

    /// Shuts down: every waiting transfer fails with `cancelled`, later
    /// `fetch` calls are refused, and the loop is told to stop.
    func close() {
        let (waiting, wake): ([(TransferContinuation, String)], Bool) = state.withLock { state in
            guard !state.isClosed else { return ([], false) }
            state.isClosed = true
            var waiting: [(TransferContinuation, String)] = []
            for case .waiting(let continuation, let url) in state.slots.values {
                waiting.append((continuation, url))
            }
            state.slots = [:]
            return (waiting, state.post(.stop))
        }
        if wake { wakeUp.signal() }
        for (continuation, url) in waiting {
            continuation.resume(throwing: Self.shutDownError(url))
        }
    }

    private static func shutDownError(_ url: String) -> FetchError {
        FetchError(code: .cancelled, url: url, message: "the fetcher shut down before the transfer finished")
    }

    // MARK: Loop thread

    /// Takes every queued command. Drain the wake-up first, then take: a
    /// command posted after this call wakes the loop again.
    func takeCommands() -> [Command] {
        wakeUp.drain()
        return state.withLock { state in
            guard !state.commands.isEmpty else { return [] }
            defer { state.commands = [] }
            return state.commands
        }
    }

    /// Resumes the transfers the loop finished; those already cancelled or
    /// shut down are dropped.
    func deliver(_ results: [(id: UInt64, result: Result<FinishedTransfer, FetchError>)]) {
        var resumptions: [(TransferContinuation, Result<FinishedTransfer, FetchError>)] = []
        resumptions.reserveCapacity(results.count)
        state.withLock { state in
            for (id, result) in results {
                if case .waiting(let continuation, _)? = state.slots.removeValue(forKey: id) {
                    resumptions.append((continuation, result))
                }
            }
        }
        for (continuation, result) in resumptions {
            continuation.resume(with: result.mapError { $0 as any Error })
        }
    }
}
