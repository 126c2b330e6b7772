import ArgumentParser
import TrawlCore

/// How far a crawl reaches, as `crawl` and `compare` both take it: which
/// links it follows, how deep, how many pages. Optional, so that `compare`
/// passes on only what was given and a run gets `crawl`'s defaults
/// otherwise.
struct ReachFlags: ParsableArguments {
    @Option(help: "Which links to follow: host (the seeds' hosts; the default), domain (their registrable domains), any.")
    var scope: CrawlScope.Rule?

    @Option(name: [.customShort("l"), .customLong("max-depth")], parsing: .unconditional,
            help: "Fetch only pages at most this many links from a seed (default: no limit).")
    var maxDepth: Int?

    @Option(name: .customLong("max-pages"), parsing: .unconditional, help: ArgumentHelp(
        "Stop handing out URLs after this many fetches (default: no limit).",
        discussion: """
            processes: the parent keeps the first N pages the workers finish and stops them; fetches still in \
            flight are dropped. compare: each run stops there, which turns off the fairness check.
            """))
    var maxPages: Int?

    func validate() throws {
        if let maxDepth, maxDepth < 0 { throw ValidationError("--max-depth must be 0 or more (got \(maxDepth))") }
        if let maxPages, maxPages < 1 { throw ValidationError("--max-pages must be at least 1 (got \(maxPages))") }
    }
}
