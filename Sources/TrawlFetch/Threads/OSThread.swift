internal import CCurl
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// trawl's one way to start an OS thread, for work that blocks in a system
/// call and so must not occupy a thread of the cooperative pool: the curl
/// event loop (epoll_wait), a pipe reader (read), an exit watcher (waitid).
/// Each thread is named (`top -H`, `perf`) before its body runs. It lives
/// in TrawlFetch, the lowest module that needs one, and is public for
/// TrawlCore's process plumbing.
public final class OSThread: Sendable {
    /// A thread could not be started (pthread_create's error).
    public struct StartError: Error, CustomStringConvertible {
        public let name: String
        public let code: Int32
        public var description: String {
            "could not start the thread '\(name)': \(String(cString: strerror(code))) (error \(code))"
        }
    }

    private let thread: pthread_t
    private let exited: ExitSignal

    private init(thread: pthread_t, exited: ExitSignal) {
        self.thread = thread
        self.exited = exited
    }

    /// Starts a thread named `name` (at most 15 bytes show) running `body`,
    /// to be reaped with `join()`. Whatever `body` captures is released on
    /// that thread, before `join()` returns.
    public static func start(name: String, _ body: sending @escaping () -> Void) throws(StartError) -> OSThread {
        let exited = ExitSignal()
        let thread = try create(Entry(name: name, body: body, exited: exited), detached: false)
        return OSThread(thread: thread, exited: exited)
    }

    /// Starts a thread named `name` running `body` that nobody joins: its
    /// resources go back to the system when `body` returns.
    public static func startDetached(name: String, _ body: sending @escaping () -> Void) throws(StartError) {
        _ = try create(Entry(name: name, body: body, exited: nil), detached: true)
    }

    /// Waits, without blocking a cooperative thread, until the body has
    /// returned and released its captures, then reaps the thread. Call once.
    public func join() async {
        await exited.wait()
        pthread_join(thread, nil)
    }

    private static func create(_ entry: Entry, detached: Bool) throws(StartError) -> pthread_t {
        let context = Unmanaged.passRetained(entry).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if detached { pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED)) }
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            Unmanaged<Entry>.fromOpaque(context).takeRetainedValue().run()
            return nil
        }, context)
        guard result == 0 else {
            Unmanaged<Entry>.fromOpaque(context).release()
            throw StartError(name: entry.name, code: result)
        }
        return thread
    }
}

/// What the new thread runs; owned by that thread once started.
private final class Entry {
    let name: String
    var body: (() -> Void)?
    let exited: ExitSignal?

    init(name: String, body: @escaping () -> Void, exited: ExitSignal?) {
        self.name = name
        self.body = body
        self.exited = exited
    }

    func run() {
        CCurl_name_current_thread(name)
        body?()
        body = nil   // release the captures here, on this thread
        exited?.signal()
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
