import Synchronization

/// The easy handles of one `BlockingFetcher` that no thread is using, each
/// holding open the connection of its last transfer, filed by that
/// transfer's origin. A fetch takes a handle filed under its URL's origin
/// and so reuses its connection — the blocking modes' connection cache.
///
/// Why not libcurl's shared connection cache: libcurl 7.88 documents a
/// connection cache shared between threads as not thread-safe (KNOWN_BUGS
/// "A shared connection cache is not thread-safe", curl issues #4915 and
/// #9404), and under a 256-thread crawl it corrupted the heap. Here a
/// connection only ever moves between threads together with its handle,
/// under this lock, so no two threads touch it at once.
final class IdleHandles: Sendable {
    /// A handle no thread uses, to move between threads under the lock.
    /// `@unchecked Sendable` is sound because an idle handle is reachable
    /// only through this pool: `checkIn` takes the caller's last reference
    /// (the caller drops it right after), and `checkOut` hands the handle
    /// to exactly one caller, so one thread at a time ever uses it.
    private struct Idle: @unchecked Sendable {
        let handle: EasyHandle
        let origin: String
        /// Check-in order, to evict the least recently used.
        let stamp: Int
    }

    private struct State: ~Copyable {
        var byOrigin: [String: [Idle]] = [:]
        var count = 0
        var clock = 0
    }

    private let state = Mutex(State())
    /// Idle handles kept at most; beyond it the least recently used is
    /// closed with its connection.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// An idle handle whose connection goes to `origin`, most recent first;
    /// nil when there is none (the caller makes a new handle).
    func checkOut(origin: String) -> EasyHandle? {
        state.withLock { state in
            guard let idle = state.byOrigin[origin]?.popLast() else { return nil }
            if state.byOrigin[origin]!.isEmpty { state.byOrigin[origin] = nil }
            state.count -= 1
            return idle.handle
        }
    }

    /// Files a handle no longer used by the caller under the origin of its
    /// last transfer. Closes the least recently used handle (and its
    /// connection) once more than `capacity` are idle.
    func checkIn(_ handle: EasyHandle, origin: String) {
        let evicted: Idle? = state.withLock { state in
            state.clock += 1
            state.byOrigin[origin, default: []].append(Idle(handle: handle, origin: origin, stamp: state.clock))
            state.count += 1
            guard state.count > capacity else { return nil }
            // The oldest handle is the first of some origin's list.
            guard let oldest = state.byOrigin.values.min(by: { $0[0].stamp < $1[0].stamp })?.first else { return nil }
            state.byOrigin[oldest.origin]!.removeFirst()
            if state.byOrigin[oldest.origin]!.isEmpty { state.byOrigin[oldest.origin] = nil }
            state.count -= 1
            return oldest
        }
        // The evicted handle is cleaned up here, outside the lock.
        _ = evicted
    }

    /// Idle handles now (for tests).
    var count: Int {
        state.withLock { $0.count }
    }

    /// "scheme://host:port" as written in `url`: what a connection is for.
    /// The URLs are the crawler's normalized ones, so equal origins are
    /// spelled alike.
    static func origin(of url: String) -> String {
        let bytes = url.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
              bytes[colon...].starts(with: "://".utf8)
        else { return url }
        let authority = bytes.index(colon, offsetBy: 3)
        let end = bytes[authority...].firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }
        return String(Substring(url.utf8[..<(end ?? bytes.endIndex)])).lowercased()
    }
}
