import Logging

/// The host of one process of a shared-frontier crawl: a settled job's
/// writes go to the pump; its leases, and the news that the crawl is over
/// everywhere, come back as messages. This process's own pages are
/// counted for its report and, in a process that joined, exported to its
/// own folder; the crawl's exports are written from Redis's records by
/// the starting process or `trawl export` (`ClusterExport`).
struct ClusterCrawl: CrawlLoopHost {
    enum Message: Sendable {
        case pump(FrontierPump.Event)
        /// A crawl-wide limit may have asked the crawl to stop.
        case stopRequested
    }

    let pump: FrontierPump
    let exports: CrawlExports
    let counters: LiveCounters
    let stopRequest: StopRequest
    /// Export each page this process records (a joining process does;
    /// the starting one exports the whole crawl from Redis at the end).
    let exportsOwnPages: Bool
    let fault: FaultPoint?
    var summary = DriveSummary()
    private var started = 0

    init(pump: FrontierPump, exports: CrawlExports, counters: LiveCounters, stopRequest: StopRequest,
         exportsOwnPages: Bool, fault: FaultPoint?) {
        self.pump = pump
        self.exports = exports
        self.counters = counters
        self.stopRequest = stopRequest
        self.exportsOwnPages = exportsOwnPages
        self.fault = fault
    }

    /// The crawl ends when Redis says so, not when this process is idle:
    /// another process's page may still add work.
    var endsWhenIdle: Bool { false }

    mutating func settled(_ settlement: LeaseFrontier.Settlement, of outcome: PageOutcome, frontier: LeaseFrontier) -> Bool {
        if settlement.ending != nil || !settlement.adds.isEmpty {
            pump.submit(FrontierPump.Write(adds: settlement.adds, ending: settlement.ending))
        }
        summary.note(settlement.disposition, outcome)
        guard case .record = settlement.disposition else { return true }
        summary.tally(outcome.record)
        counters.count(outcome.record, inFlight: frontier.held, queued: 0)
        guard exportsOwnPages else { return true }
        do {
            try exports.record(outcome)
        } catch {
            summary.fail(error)
            return false
        }
        return true
    }

    mutating func received(_ message: Message, frontier: inout LeaseFrontier) -> Bool {
        switch message {
        case .pump(.leases(let leases)):
            frontier.accept(leases)
            return true
        case .pump(.finished):
            // Nothing is left anywhere: the loop ends with nothing in flight.
            return false
        case .pump(.failed(let error)):
            summary.fail(error, reason: "frontier-failed")
            return false
        case .stopRequested:
            guard let reason = stopRequest.current else { return true }
            summary.stop(reason)
            return false
        }
    }

    mutating func dispatched(frontier: inout LeaseFrontier, stopping: Bool, now: Duration) -> Bool {
        if case .inFlight(let count) = fault {
            started = max(started, frontier.startedCount)
            if started >= count { FaultPoint.die("\(started) jobs started, transfers in flight") }
        }
        return true
    }

    mutating func interrupted() { summary.stop("interrupted") }
}
