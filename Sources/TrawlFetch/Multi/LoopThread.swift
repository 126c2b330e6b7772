internal import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A dedicated OS thread that runs one closure, joined with `join()`.
/// The event loop blocks in epoll_wait, so it cannot live on the
/// cooperative pool.
final class LoopThread: Sendable {
    private let thread: pthread_t
    private let exited: ExitSignal

    private init(thread: pthread_t, exited: ExitSignal) {
        self.thread = thread
        self.exited = exited
    }

    /// Starts a thread named `name` (at most 15 bytes) running `body`.
    /// Whatever `body` captures is released on that thread, before `join()`
    /// returns.
    static func start(name: String, _ body: sending @escaping () -> Void) throws(FetchError) -> LoopThread {
        let exited = ExitSignal()
        let entry = Unmanaged.passRetained(Entry(name: name, body: body, exited: exited)).toOpaque()
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let entry = Unmanaged<Entry>.fromOpaque(context).takeRetainedValue()
            entry.run()
            return nil
        }, entry)
        guard result == 0 else {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw FetchError(code: .other, url: "", message: "could not start the curl event-loop thread (pthread_create error \(result))")
        }
        return LoopThread(thread: thread, exited: exited)
    }

    /// Waits, without blocking a cooperative thread, until the body has
    /// returned and released its captures, then reaps the thread. Call once.
    func join() async {
        await exited.wait()
        pthread_join(thread, nil)
    }
}

/// What the new thread runs; owned by that thread once started.
private final class Entry {
    let name: String
    var body: (() -> Void)?
    let exited: ExitSignal

    init(name: String, body: @escaping () -> Void, exited: ExitSignal) {
        self.name = name
        self.body = body
        self.exited = exited
    }

    func run() {
        CCurl_name_current_thread(name)
        body?()
        body = nil   // release the captures here, on this thread
        exited.signal()
    }
}

/// A one-shot "the thread is done" signal, awaited by one task.
private final class ExitSignal: Sendable {
    private enum State {
        case running
        case awaited(CheckedContinuation<Void, Never>)
        case exited
    }

    private let state = Mutex(State.running)

    func signal() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            defer { state = .exited }
            if case .awaited(let continuation) = state { return continuation }
            return nil
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let alreadyExited = state.withLock { state in
                if case .exited = state { return true }
                state = .awaited(continuation)
                return false
            }
            if alreadyExited { continuation.resume() }
        }
    }
}
