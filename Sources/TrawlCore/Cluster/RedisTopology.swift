import Foundation
import Logging
import TrawlRedis
import TrawlURL

/// `--frontier redis://…/NAME`: this process is one of any number, on any
/// number of machines, crawling one frontier kept in Redis. It runs the
/// same `CrawlLoop` and strategy as a single process, over a
/// `LeaseFrontier`, with Redis I/O on the `FrontierPump`'s thread.
struct RedisTopology: CrawlTopology {
    let shared: SharedFrontier

    func drive(_ crawl: CrawlRun) async throws -> DriveSummary {
        let endpoint = try ClusterSetup.endpoint(shared.endpoint)
        // Blocking calls on this task's thread, once: see ClusterSetup.
        let settings: ClusterSettings = switch shared.role {
        case .start: try ClusterSetup.start(at: endpoint, options: crawl.options, seeds: crawl.seeds)
        case .join: try ClusterSetup.stored(at: endpoint)
        case .export: try ClusterSetup.stored(at: endpoint, giveUpAfter: ClusterStatus.giveUpAfter)
        }
        var summary = DriveSummary()
        if shared.role != .export {
            summary = try await crawlShare(crawl, endpoint: endpoint, settings: settings)
        }
        guard shared.role != .join else { return summary }
        // The crawl's exports, from Redis's records: this process's own
        // figures (latencies, bytes) are replaced by the whole crawl's.
        var whole = DriveSummary()
        whole.stopReason = summary.stopReason
        whole.failure = summary.failure
        whole.bodyBudget = summary.bodyBudget
        // A Redis that fails now fails the exports, not the run: what was
        // read is written, valid, and `trawl export` can write it all later.
        do {
            let over = try ClusterExport.export(from: endpoint, settings: settings, into: crawl.exports,
                                                counters: crawl.counters, summary: &whole,
                                                giveUpAfter: shared.role == .export ? ClusterStatus.giveUpAfter : nil)
            if !over && whole.stopReason == nil { whole.stopReason = "crawl-in-progress" }
        } catch {
            whole.fail(error, reason: "frontier-failed")
        }
        return whole
    }

    /// Crawls until Redis says the crawl is over everywhere, or this
    /// process is stopped (Ctrl-C, `--max-time`), when the leases it still
    /// holds are given back at once rather than left to expire.
    private func crawlShare(_ crawl: CrawlRun, endpoint: RedisEndpoint, settings: ClusterSettings) async throws -> DriveSummary {
        let parts = CrawlParts(options: crawl.options, seeds: settings.seeds.compactMap { WebURL($0) })
        let fault = FaultPoint.fromEnvironment()
        let events = EventMailbox<CrawlLoop.Event<ClusterCrawl.Message>>()
        let pump = try FrontierPump.start(
            FrontierPump.Configuration(endpoint: endpoint, settings: settings, capacity: parts.concurrency,
                                       leaseLength: shared.leaseTime, workerID: Self.workerID(), fault: fault),
            logger: crawl.logger
        ) { event in events.post(.message(.pump(event))) }
        let frontier = LeaseFrontier(limits: settings.options.limits, fingerprint: settings.fingerprint)
        let host = ClusterCrawl(pump: pump, exports: crawl.exports, counters: crawl.counters, stopRequest: crawl.stopRequest,
                                exportsOwnPages: shared.role == .join, fault: fault)
        let stopRequest = crawl.stopRequest
        let logger = crawl.logger
        var (summary, bodyBudget) = try await StrategyRunner.withWorker(
            parts.mode, concurrency: parts.concurrency, fetch: parts.fetch, processor: parts.processor
        ) { [frontier, host] worker in
            var frontier = frontier
            var host = host
            await CrawlLoop.run(frontier: &frontier, host: &host, worker: worker, processor: parts.processor,
                                concurrency: parts.concurrency, events: events, logger: logger) {
                while !Task.isCancelled {
                    if stopRequest.current != nil { break }
                    try? await Task.sleep(for: StopRequest.pollInterval)
                }
                return .stopRequested
            }
            // Stopped before the end: what is held goes back now, with no
            // wait, to be leased by the processes that go on.
            for lease in frontier.drainHeld() {
                pump.submit(FrontierPump.Write(adds: [], ending: (lease, .retry(afterMs: 0, holdsHost: false))))
            }
            await pump.stop()
            return host.summary
        }
        summary.bodyBudget = bodyBudget
        return summary
    }

    /// "host:pid:random", unique among a crawl's processes.
    private static func workerID() -> String {
        let host = ProcessInfo.processInfo.hostName
        return "\(host):\(getpid()):\(UInt32.random(in: 0...UInt32.max))"
    }
}
