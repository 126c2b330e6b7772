import Foundation
import Synchronization

/// Runs blocking work on real OS threads, as the crawler's `threads` and
/// `pool` strategies do, and hands the results to an async test without
/// blocking a thread of the cooperative pool while the work runs.
enum OSThreads {
    /// Starts `count` threads at once, each running `body(index)`, and
    /// returns their results in index order once all have finished.
    static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
        await withCheckedContinuation { continuation in
            let collector = Collector<T>(count: count, continuation: continuation)
            for index in 0..<count {
                let thread = Thread { collector.finish(index, body(index)) }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }
    }

    /// Runs `body` on one new thread.
    static func one<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await run(1) { _ in body() }[0]
    }
}

private final class Collector<T: Sendable>: Sendable {
    private struct State {
        var results: [T?]
        var remaining: Int
        var continuation: CheckedContinuation<[T], Never>?
    }

    private let state: Mutex<State>

    init(count: Int, continuation: CheckedContinuation<[T], Never>) {
        state = Mutex(State(results: Array(repeating: nil, count: count), remaining: count, continuation: continuation))
    }

    func finish(_ index: Int, _ result: T) {
        let done: (CheckedContinuation<[T], Never>, [T])? = state.withLock { state in
            state.results[index] = result
            state.remaining -= 1
            guard state.remaining == 0, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.results.compactMap { $0 })   // all set: remaining is 0
        }
        if let (continuation, results) = done {
            continuation.resume(returning: results)
        }
    }
}

/// Holds threads until `count` of them have arrived, so their transfers
/// overlap. Gives up after `limit`, so a lost thread cannot hang a test.
final class StartLine: Sendable {
    private let arrived = Atomic<Int>(0)
    private let count: Int

    init(_ count: Int) { self.count = count }

    func wait(limit: Duration = .seconds(5)) {
        arrived.add(1, ordering: .relaxed)
        let deadline = ContinuousClock.now + limit
        while arrived.load(ordering: .relaxed) < count, ContinuousClock.now < deadline {
            usleep(1000)
        }
    }
}
