import Foundation
import TrawlRedis

/// `trawl status --frontier …`: what a user watching a shared crawl wants
/// to know, from counters every script keeps up to date: O(partitions)
/// reads, never a scan of keys, so it is as cheap at a billion URLs as at
/// a hundred.
public struct ClusterStatusReport: Codable, Sendable, Equatable {
    public var crawl: String
    public var server: String
    public var seeds: Int
    /// URLs (and robots.txt and redirect-hop jobs) queued, leased, done,
    /// and given up on after too many leases.
    public var pending: Int64
    public var inFlight: Int64
    public var done: Int64
    public var dead: Int64
    /// Hosts that may start a fetch now, and hosts waiting out a delay.
    public var hostsReady: Int64
    public var hostsWaiting: Int64
    /// Processes that renewed their leases within the last `aliveWindow`.
    public var workersAlive: Int
    /// The depth being crawled (level-synchronous BFS).
    public var level: Int
    /// Jobs done per second over the sampling interval.
    public var donePerSecond: Double
    /// The starting process has added the seeds (before that, an empty
    /// frontier means "not started", not "finished").
    public var seeded: Bool
    public var finished: Bool
    /// Distinct URLs refused, by limit.
    public var refused: [String: Int64]

    enum CodingKeys: String, CodingKey {
        case crawl, server, seeds, pending, done, dead, level, seeded, finished, refused
        case inFlight = "in_flight", hostsReady = "hosts_ready", hostsWaiting = "hosts_waiting"
        case workersAlive = "workers_alive", donePerSecond = "done_per_second"
    }

    /// A few lines for a terminal.
    public var text: String {
        let rate = String(format: "%.1f", donePerSecond)
        var lines = [
            "crawl \(crawl) on redis at \(server): \(finished ? "finished" : seeded ? "running" : "starting (seeds not added yet)")",
            "  pending    \(pending)",
            "  in flight  \(inFlight)",
            "  done       \(done) (\(rate)/s)\(dead > 0 ? ", \(dead) given up" : "")",
            "  hosts      \(hostsReady) ready, \(hostsWaiting) waiting out a delay",
            "  workers    \(workersAlive) alive",
            "  depth      \(level)",
        ]
        if !refused.isEmpty {
            lines.append("  refused    " + refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

public enum ClusterStatus {
    /// A worker that has not renewed its leases for this long is not
    /// counted alive (a worker renews every third of `--lease-time`,
    /// 10 s by default).
    public static let aliveWindow: Duration = .seconds(30)
    /// A user asking for a summary is told Redis is unreachable after this.
    public static let giveUpAfter: Duration = .seconds(5)

    /// Reads the crawl's counters twice, `interval` apart (the rate needs
    /// two samples). Blocks: it is a command's whole work.
    public static func read(_ endpoint: RedisEndpoint, interval: Duration) throws(TrawlError) -> ClusterStatusReport {
        guard let (settings, seeded) = try ClusterSetup.storedIfAny(at: endpoint, giveUpAfter: giveUpAfter) else {
            throw ClusterSetup.noSuchCrawl(endpoint)
        }
        let store = ClusterSetup.makeStore(endpoint, settings: settings, giveUpAfter: giveUpAfter)
        do {
            let clock = ContinuousClock()
            let first = try store.status()
            let start = clock.now
            if interval > .zero { Thread.sleep(forTimeInterval: interval.milliseconds / 1000) }
            let second = try store.status()
            let elapsed = (clock.now - start).milliseconds / 1000
            return ClusterStatusReport(
                crawl: endpoint.crawl, server: endpoint.server, seeds: settings.seeds.count,
                pending: second.pending, inFlight: second.inFlight, done: second.done, dead: second.dead,
                hostsReady: second.hostsDue, hostsWaiting: second.hostsWaiting,
                workersAlive: try store.workersAlive(windowMs: Int64(aliveWindow.milliseconds)),
                level: try store.currentLevel(),
                donePerSecond: elapsed > 0 ? Double(second.done - first.done) / elapsed : 0,
                seeded: seeded,
                finished: seeded && second.pending == 0 && second.inFlight == 0,
                refused: second.refused)
        } catch {
            throw TrawlError(error)
        }
    }
}
