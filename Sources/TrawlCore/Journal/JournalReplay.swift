import TrawlURL

/// Rebuilds a crawl from its journal for `--resume`: the exports get every
/// recorded page again, in the order recorded, and the frontier is brought
/// to where it was by replaying what changed it, in the same order: the
/// seeds (already discovered by the caller), then each recorded page,
/// marked done, with the links it followed discovered. Admission (depth,
/// trap limits, per-host caps) depends only on that order of discoveries,
/// so the frontier admits and refuses exactly what the first sitting did.
enum JournalReplay {
    static func replay(_ journal: CrawlJournal, into frontier: inout Frontier, host: inout InProcessCrawl) throws {
        try journal.forEachRobots { hostKey, rules, unavailable in
            frontier.restoreRobots(hostKey: hostKey, rules: rules, unavailable: unavailable)
            host.summary.robotsFetched += 1
        }
        try journal.forEachPage { page, follow in
            try host.exports.record(page)
            host.summary.tally(page.record)
            host.counters.count(page.record, inFlight: 0, queued: 0)
            let origin = WebURL(page.record.url)?.origin ?? page.record.url
            frontier.restoreDone(page.record.url, hostKey: origin, depth: page.record.depth)
            let depth = page.record.depth + 1
            for url in follow {
                frontier.discover(url, hostKey: WebURL(url)?.origin ?? url, depth: depth, referrer: page.source)
            }
        }
    }
}
