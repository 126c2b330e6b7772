import ArgumentParser
import TrawlCore

/// What stops `trawl crawl`, or one of its fetches, short: time, memory,
/// and the caps that keep traps and hostile pages from growing a crawl
/// without end. (--max-pages and --max-depth, which `compare` takes too,
/// are `ReachFlags`; the timeouts are `TransferFlags`.)
struct CrawlLimitFlags: ParsableArguments {
    @Option(name: .customLong("max-time"), parsing: .unconditional, help: ArgumentHelp(
        "Stop the crawl after this much wall-clock time, e.g. 90s, 15m, 2h (off by default). A bare number is seconds.",
        discussion: "Every export is still written; report.json says completed: false, stop_reason: max-time."))
    var maxTime: SecondsOrDuration?

    @Option(name: .customLong("max-memory"), parsing: .unconditional, help: ArgumentHelp(
        "Stop the crawl cleanly before its resident memory reaches this size, e.g. 512MB (off by default).",
        discussion: "Sampled every 100 ms over the whole process tree; the crawl stops at 90 % of it, so the stop and the exports fit. report.json says stop_reason: max-memory."))
    var maxMemory: ByteSize?

    @Option(name: .customLong("max-pages-per-host"), parsing: .unconditional, help: "Fetch at most this many URLs of any one host (scheme://host:port).")
    var maxPagesPerHost: Int?

    @Option(name: .customLong("max-query-variants"), parsing: .unconditional, help: ArgumentHelp(
        "Fetch at most this many distinct queries of one host and path.",
        discussion: "Guards against query-string explosions (calendars, faceted search, session ids). 0 turns it off."))
    var maxQueryVariants: Int = 1000

    @Option(name: .customLong("max-path-segments"), parsing: .unconditional, help: ArgumentHelp(
        "Fetch no URL whose path has more segments than this (0: no limit).",
        discussion: "Heritrix's TooManyPathSegmentsDecideRule, with its default: real sites stay far below 20, while a trap that adds a segment per link (/a/b/c/…) grows without end. The limit spares seeds."))
    var maxPathSegments: Int = 20

    @Option(name: .customLong("max-path-repeats"), parsing: .unconditional, help: ArgumentHelp(
        "Fetch no URL in which a run of path segments repeats more than this many times in a row (0: no limit).",
        discussion: "Heritrix's PathologicalPathDecideRule: /a/b/a/b/a/b/ is a relative link resolved against itself, over and over. The default 2 lets /a/a/ through but not /a/a/a/."))
    var maxPathRepeats: Int = 2

    @Option(name: .customLong("max-path-variants"), parsing: .unconditional, help: ArgumentHelp(
        "Fetch at most this many URLs of one host whose paths differ only in their digits (0: no limit).",
        discussion: "The path twin of --max-query-variants: an endless calendar (/cal/2031/04, /cal/2031/05, …) or a counter in the path. A catalog with more numbered pages under one path pattern needs a higher value."))
    var maxPathVariants: Int = 1000

    @Option(name: .customLong("max-url-length"), parsing: .unconditional, help: ArgumentHelp(
        "Longest URL kept, in bytes: a longer link is dropped (counted, not an edge, not fetched); a longer seed is refused.",
        discussion: "Browsers handle about 2,000 bytes reliably and servers often refuse more than 8 KB."))
    var maxURLLength: Int = 8192

    @Option(name: .customLong("max-title-length"), parsing: .unconditional, help: ArgumentHelp(
        "UTF-8 bytes of a page's title kept (cut at a character boundary); the full length goes to pages.jsonl's title_length.",
        discussion: "A tab shows about 30 characters and a search result about 60; 1 KiB holds any real title."))
    var maxTitleLength: Int = 1024

    @Option(name: .customLong("max-links-per-page"), parsing: .unconditional, help: ArgumentHelp(
        "Distinct links kept per page at most; later ones are counted (links_over_limit) and dropped.",
        discussion: "Heritrix's outlink cap. Real pages carry 70-300 links and index pages a few thousand; a page that holds more is treated as hostile. A page also keeps at most 4 MiB of link text, whatever the count."))
    var maxLinksPerPage: Int = LinkFilter.defaultMaxLinksPerPage

    @Option(name: .customLong("max-bytes"), parsing: .unconditional, help: "Largest body kept, e.g. 10MB; bigger transfers are aborted (too-large).")
    var maxBytes: ByteSize = ByteSize(bytes: 10 << 20)

    @Option(name: .customLong("max-buffered-bytes"), parsing: .unconditional, help: ArgumentHelp(
        "Body bytes all transfers may hold at once, e.g. 256MB; 0 for no cap (default: 64MB, or half of --max-memory).",
        discussion: "A transfer that would pass it waits (paused) until another ends; one at a time may go past it, so every transfer finishes. report.json's body_budget says how often one waited."))
    var maxBufferedBytes: ByteSizeOrZero?

    @Option(name: .customLong("max-redirects"), parsing: .unconditional, help: "Redirects followed per fetch.")
    var maxRedirects: Int = 10

    func validate() throws {
        if let maxPagesPerHost, maxPagesPerHost < 1 { throw ValidationError("--max-pages-per-host must be at least 1 (got \(maxPagesPerHost))") }
        for (flag, value) in [("--max-query-variants", maxQueryVariants), ("--max-path-segments", maxPathSegments),
                              ("--max-path-repeats", maxPathRepeats), ("--max-path-variants", maxPathVariants)] where value < 0 {
            throw ValidationError("\(flag) must be 0 (no limit) or more (got \(value))")
        }
        if let maxTime {
            guard maxTime.seconds >= 0.001 else { throw ValidationError("--max-time must be at least 1ms (got \(maxTime))") }
            // Beyond a century is no limit anyone means.
            try maxTime.check("--max-time", within: 0.001...(36_500 * 86_400), "at most 36500d")
        }
        // Below this the crawler's own libraries and buffers leave no room.
        let leastMemory = 64 << 20
        if let maxMemory, maxMemory.bytes < leastMemory {
            throw ValidationError("--max-memory must be at least 64MB: trawl itself needs about 40 MB (got \(maxMemory))")
        }
        guard (16...(1 << 20)).contains(maxURLLength) else {
            throw ValidationError("--max-url-length must be between 16 and 1048576 bytes (got \(maxURLLength))")
        }
        guard (0...(1 << 20)).contains(maxTitleLength) else {
            throw ValidationError("--max-title-length must be between 0 and 1048576 bytes (got \(maxTitleLength))")
        }
        guard (1...1_000_000).contains(maxLinksPerPage) else {
            throw ValidationError("--max-links-per-page must be between 1 and 1000000 (got \(maxLinksPerPage))")
        }
        // "0.1B" parses as a size but rounds down to nothing.
        guard maxBytes.bytes >= 1 else { throw ValidationError("--max-bytes must be at least 1B (got \(maxBytes.bytes) bytes)") }
        guard maxRedirects >= 0 else { throw ValidationError("--max-redirects must be 0 or more (got \(maxRedirects))") }
    }
}
