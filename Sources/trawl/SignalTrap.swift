import Dispatch
import Foundation

/// Turns the first SIGINT/SIGTERM into cancellation of the running work, so
/// the crawl stops fetching and still writes valid exports; a second one
/// exits at once. Scoped: handlers are restored when `run` returns.
enum SignalTrap {
    struct Outcome<T: Sendable>: Sendable {
        var result: Result<T, any Error>
        /// The signal that stopped the work, if one did.
        var signal: Int32?
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async -> Outcome<T> {
        let task = Task { try await body() }
        let received = SignalBox()
        let sources = [SIGINT, SIGTERM].map { (signalNumber: Int32) -> any DispatchSourceSignal in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
            source.setEventHandler {
                switch received.record(signalNumber) {
                case .first:
                    Terminal.writeError("\ntrawl: stopping (\(name)); writing exports — press Ctrl-C again to quit at once\n")
                    task.cancel()
                case .echo:
                    break
                case .second:
                    // Not a real signal handler (a dispatch source runs on
                    // a queue), so writing first is safe.
                    Terminal.writeError("trawl: second signal (\(name)); exiting at once, exports may be incomplete\n")
                    _exit(128 + signalNumber)
                }
            }
            source.resume()
            return source
        }
        let result = await task.result
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        return Outcome(result: result, signal: received.first)
    }
}

import Synchronization

/// The first signal received; later ones only report that one came before.
final class SignalBox: Sendable {
    enum Arrival: Equatable {
        case first
        /// The first request again, not a second one: a SIGTERM within
        /// `echoWindow` of the first. `timeout(1)` sends SIGTERM to its
        /// child and then to its process group, and a service manager may
        /// signal a process and its group alike; taking the echo for an
        /// impatient second signal would lose the exports. (SIGINT is a
        /// person's Ctrl-C: a second one, however quick, means quit now.)
        case echo
        case second
    }

    static let echoWindow: Duration = .milliseconds(250)

    private let state = Mutex<(signal: Int32, at: ContinuousClock.Instant)?>(nil)

    func record(_ signal: Int32, at now: ContinuousClock.Instant = .now) -> Arrival {
        state.withLock { first in
            guard let earlier = first else {
                first = (signal, now)
                return .first
            }
            if signal == SIGTERM && earlier.signal == SIGTERM && now - earlier.at < Self.echoWindow { return .echo }
            return .second
        }
    }

    var first: Int32? { state.withLock { $0?.signal } }
}
