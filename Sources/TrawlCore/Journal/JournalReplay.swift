import TrawlURL

/// Rebuilds a crawl from its journal for `--resume`, and a shard of
/// `--mode processes` for the worker that replaces one that died: the
/// exports get every recorded page again, in the order recorded, and the
/// frontier is brought to where it was by replaying what changed it, in the
/// same order: the seeds (already discovered by the caller), then each
/// recorded page, marked done, with the links it followed discovered.
/// Admission (depth, trap limits, per-host caps) depends only on that order
/// of discoveries, so the frontier admits and refuses exactly what the
/// first sitting did.
enum JournalReplay {
    /// One process: the exports and the frontier.
    static func replay(_ journal: CrawlJournal, into frontier: inout Frontier, host: inout InProcessCrawl) throws {
        try replayRecords(journal, exports: host.exports, counters: host.counters, summary: &host.summary,
                          robots: { hostKey, rules, unavailable in
            frontier.restoreRobots(hostKey: hostKey, rules: rules, unavailable: unavailable)
        }) { page, follow in
            frontier.restoreDone(page.record.url, hostKey: hostKey(of: page.record.url), depth: page.record.depth)
            let depth = page.record.depth + 1
            for url in follow {
                frontier.discover(url, hostKey: hostKey(of: url), depth: depth, referrer: page.source)
            }
        }
    }

    /// The coordinator of `--mode processes`: the exports and the crawl's
    /// figures; each worker replays its own shard (below). `robots` and
    /// `page`, if given, see each host's rules and each page (with the
    /// links it followed) as they go by, so the journal is read once.
    static func replayRecords(
        _ journal: CrawlJournal, exports: CrawlExports, counters: LiveCounters, summary: inout DriveSummary,
        robots: (String, RobotsRules, String?) -> Void = { _, _, _ in },
        page: (PageMessage, [String]) -> Void = { _, _ in }
    ) throws {
        try journal.forEachRobots { hostKey, rules, unavailable in
            summary.robotsFetched += 1
            robots(hostKey, rules, unavailable)
        }
        try journal.forEachPage { message, follow in
            try exports.record(message)
            summary.tally(message.record)
            counters.count(message.record, inFlight: 0, queued: 0)
            page(message, follow)
        }
    }

    /// One worker of `--mode processes`, started in place of one that died
    /// or to resume a crawl: its shard of the seeds, the robots rules of
    /// its hosts, then every page committed through `sequence`: its own
    /// marked done, and the links any page followed into its shard
    /// discovered. Links of pages committed later reach it as `discover`
    /// messages, as they reach every worker.
    static func replay(_ journal: CrawlJournal, through sequence: Int64, seeds: [WebURL],
                       into shard: inout ShardFrontier) throws {
        for seed in seeds { shard.restoreDiscovered(seed.href, hostKey: seed.origin, depth: 0, referrer: nil) }
        try journal.forEachRobots { hostKey, rules, unavailable in
            shard.restoreRobots(hostKey: hostKey, rules: rules, unavailable: unavailable)
        }
        try journal.forEachPage(through: sequence) { page, follow in
            shard.restoreDone(page.record.url, hostKey: hostKey(of: page.record.url), depth: page.record.depth)
            let depth = page.record.depth + 1
            for url in follow {
                shard.restoreDiscovered(url, hostKey: hostKey(of: url), depth: depth, referrer: page.source)
            }
        }
    }

    /// The politeness key of a recorded URL (it parsed when it was found).
    private static func hostKey(of url: String) -> String {
        WebURL(url)?.origin ?? url
    }
}
