import TrawlRedis

/// Writes a shared-frontier crawl's exports from Redis: every partition's
/// `records` stream, in which each page completed under a live lease
/// appears exactly once (the complete script is fenced), and each host's
/// robots.txt once. The frames are the ones `--mode processes` sends its
/// coordinator, so each page is exported exactly as one machine exports it.
///
/// Synchronous, with a connection of its own: it runs once, at the end.
enum ClusterExport {
    /// Records read per XRANGE.
    static let batch = 512

    /// Returns whether the crawl is over (nothing pending or in flight).
    @discardableResult
    /// `giveUpAfter`: how long to wait for an unreachable Redis (nil: as
    /// long as it takes).
    static func export(from endpoint: RedisEndpoint, settings: ClusterSettings, into exports: CrawlExports,
                       counters: LiveCounters, summary: inout DriveSummary,
                       giveUpAfter: Duration? = nil) throws(TrawlError) -> Bool {
        let store = ClusterSetup.makeStore(endpoint, settings: settings, giveUpAfter: giveUpAfter)
        do {
            for partition in 0..<settings.partitions {
                var after = "0"
                while true {
                    let records = try store.readRecords(partition: partition, after: after, count: batch)
                    for record in records {
                        try exportRecord(record.bytes, into: exports, counters: counters, summary: &summary)
                    }
                    guard let last = records.last, records.count == batch else { break }
                    after = last.id
                }
            }
            let status = try store.status()
            for (name, count) in status.refused {
                if let refusal = Refusal(rawValue: name) { summary.refusals.add(refusal, Int(count)) }
            }
            return status.pending == 0 && status.inFlight == 0
        } catch {
            throw TrawlError(frontierWork: error, otherwise: .writeFailed)
        }
    }

    private static func exportRecord(_ bytes: [UInt8], into exports: CrawlExports, counters: LiveCounters,
                                     summary: inout DriveSummary) throws {
        switch try ShardMessage.decodeRecord(bytes) {
        case .page(let page):
            try exports.record(page)
            summary.tally(page.record)
            counters.count(page.record, inFlight: 0, queued: 0)
        case .robots(let note):
            summary.robotsFetched += 1
            summary.sitemaps.formUnion(note.sitemaps)
        default:
            throw TrawlError(.protocolViolation, "a record in the shared frontier is neither a page nor a robots.txt")
        }
    }
}
