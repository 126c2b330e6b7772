import Synchronization

/// Carries a task's cancellation to a blocking transfer on another thread:
/// the task's cancellation handler sets it, libcurl's progress callback on
/// the transfer's thread polls it and aborts.
final class CancellationFlag: Sendable {
    private let state = Atomic(false)

    func cancel() { state.store(true, ordering: .relaxed) }
    var isCancelled: Bool { state.load(ordering: .relaxed) }
}
