import NIOCore
import Synchronization

/// Counts what the event loops do. One lock for all loops: it is taken twice
/// per request for a few increments, far below the cost of the request.
final class ServerStatsRecorder: Sendable {
    private struct State {
        var requestsServed = 0
        var connectionsAccepted = 0
        var bytesSent = 0
        var inFlight = 0
        var peak = 0
        var perHostRequests: [Int]
        var perHostInFlight: [Int]
        var perHostPeak: [Int]
        var timestamps: [[Duration]]
        /// Per host: requests per counted path (a finite set of trap paths).
        var pathCounts: [[String: Int]]
        /// Per host: the path of its first request.
        var firstPaths: [String?]
    }

    private let hostNames: [String]
    private let startNanos: UInt64
    private let state: Mutex<State>

    init(hostNames: [String]) {
        self.hostNames = hostNames
        startNanos = NIODeadline.now().uptimeNanoseconds
        let zeros = [Int](repeating: 0, count: hostNames.count)
        state = Mutex(
            State(
                perHostRequests: zeros, perHostInFlight: zeros, perHostPeak: zeros,
                timestamps: [[Duration]](repeating: [], count: hostNames.count),
                pathCounts: [[String: Int]](repeating: [:], count: hostNames.count),
                firstPaths: [String?](repeating: nil, count: hostNames.count)))
    }

    func connectionAccepted() {
        state.withLock { $0.connectionsAccepted += 1 }
    }

    /// Returns how many earlier requests of `countedPath` on `host` were
    /// counted (0 when not counting): decided under the lock, so of two
    /// concurrent first requests exactly one sees 0.
    @discardableResult
    func requestStarted(host: Int?, path: String? = nil, countedPath: String? = nil) -> Int {
        let now = Duration.nanoseconds(Int64(NIODeadline.now().uptimeNanoseconds - startNanos))
        return state.withLock { state in
            state.inFlight += 1
            state.peak = max(state.peak, state.inFlight)
            guard let host else { return 0 }
            state.perHostRequests[host] += 1
            if state.firstPaths[host] == nil { state.firstPaths[host] = path }
            state.perHostInFlight[host] += 1
            state.perHostPeak[host] = max(state.perHostPeak[host], state.perHostInFlight[host])
            if state.timestamps[host].count < ServerStats.timestampLimit {
                state.timestamps[host].append(now)
            }
            guard let countedPath else { return 0 }
            defer { state.pathCounts[host][countedPath, default: 0] += 1 }
            return state.pathCounts[host][countedPath, default: 0]
        }
    }

    /// `bodyBytes` nil: the connection went away before the response was written.
    func requestFinished(host: Int?, bodyBytes: Int?) {
        state.withLock { state in
            state.inFlight -= 1
            if let host { state.perHostInFlight[host] -= 1 }
            if let bodyBytes {
                state.requestsServed += 1
                state.bytesSent += bodyBytes
            }
        }
    }

    var snapshot: ServerStats {
        let copy = state.withLock { $0 }
        var stats = ServerStats()
        stats.requestsServed = copy.requestsServed
        stats.connectionsAccepted = copy.connectionsAccepted
        stats.bytesSent = copy.bytesSent
        stats.peakConcurrentRequests = copy.peak
        for (index, name) in hostNames.enumerated() {
            stats.requestsPerHost[name] = copy.perHostRequests[index]
            stats.peakConcurrentRequestsPerHost[name] = copy.perHostPeak[index]
            stats.requestTimestamps[name] = copy.timestamps[index]
            if let path = copy.firstPaths[index] { stats.firstRequestPath[name] = path }
            for (path, count) in copy.pathCounts[index] {
                stats.trapRequests["http://\(name)\(path)"] = count
            }
        }
        return stats
    }
}
