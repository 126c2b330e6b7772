#if canImport(Glibc)
import Glibc

/// Starts detached OS threads for work that blocks in a system call
/// (`read(2)` on a pipe, `waitid(2)`), which must not occupy a thread of
/// the cooperative pool.
enum DetachedThread {
    /// Runs `body` on a new detached thread named `name`. Whatever `body`
    /// captures is released on that thread when it returns.
    static func start(name: String, _ body: sending @escaping () -> Void) throws(TrawlError) {
        let entry = Unmanaged.passRetained(Entry(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            guard let context else { return nil }
            let entry = Unmanaged<Entry>.fromOpaque(context).takeRetainedValue()
            LinuxCalls.nameCurrentThread(entry.name)
            entry.run()
            return nil
        }, entry)
        guard result == 0 else {
            Unmanaged<Entry>.fromOpaque(entry).release()
            throw TrawlError(.resourceLimit, "could not start the thread '\(name)': \(Errno(code: result))")
        }
    }

    /// What the new thread runs; owned by that thread once started.
    private final class Entry {
        let name: String
        var body: (() -> Void)?

        init(name: String, body: @escaping () -> Void) {
            self.name = name
            self.body = body
        }

        func run() {
            body?()
            body = nil
        }
    }
}
#endif
