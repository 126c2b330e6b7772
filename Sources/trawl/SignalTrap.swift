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
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
            source.setEventHandler {
                if received.record(signalNumber) {
                    Terminal.writeError("\ntrawl: stopping (\(name)); writing exports — press Ctrl-C again to quit at once\n")
                    task.cancel()
                } else {
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
    private let state = Mutex<Int32?>(nil)

    /// Records `signal`; true when it is the first.
    func record(_ signal: Int32) -> Bool {
        state.withLock { first in
            if first != nil { return false }
            first = signal
            return true
        }
    }

    var first: Int32? { state.withLock { $0 } }
}
