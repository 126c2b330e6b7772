import ArgumentParser
import TrawlCore
import TrawlFetch

extension CrawlOptions.Mode: ExpressibleByArgument {}
extension CrawlOptions.InProcessMode: ExpressibleByArgument {}
extension CrawlScope.Rule: ExpressibleByArgument {}

/// The flags of `trawl crawl`.
struct CrawlFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Concurrency strategy.",
        discussion: """
            async: one libcurl multi event loop, every transfer awaited from a task (asyncio + aiohttp). \
            threads: a new OS thread per request, blocking curl_easy_perform (threading.Thread per task). \
            pool: --concurrency long-lived threads pulling from one queue (ThreadPoolExecutor). \
            processes: --workers child processes, each owning the hosts whose stable hash falls in its \
            shard and running --worker-mode inside; links to other shards' hosts are routed through \
            the parent (multiprocessing). Every mode uses the same frontier, extraction and exports.
            """))
    var mode: CrawlOptions.Mode = .async

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Transfers in flight at most, all hosts together (threads: request threads alive; pool: pool size).",
        discussion: "processes: split evenly across the workers (100 over 3 workers: 34, 33, 33), so the total is the same in every mode."))
    var concurrency: Int = 64

    @Option(name: .customLong("per-host"), parsing: .unconditional, help: ArgumentHelp(
        "Transfers in flight at most per host (scheme://host:port).",
        discussion: "processes: applies unchanged inside each worker, since every host belongs to exactly one worker."))
    var perHost: Int = 8

    @Option(parsing: .unconditional, help: "processes: number of worker processes (shards).")
    var workers: Int = 2

    @Option(name: .customLong("worker-mode"), help: "processes: the strategy inside each worker (async, threads or pool).")
    var workerMode: CrawlOptions.InProcessMode = .async

    @Option(name: .customLong("max-depth"), parsing: .unconditional, help: "Fetch only pages at most this many links from a seed.")
    var maxDepth: Int?

    @Option(name: .customLong("max-pages"), parsing: .unconditional, help: ArgumentHelp(
        "Stop handing out URLs after this many fetches.",
        discussion: "processes: the parent keeps the first N pages the workers finish and stops them; fetches still in flight are dropped."))
    var maxPages: Int?

    @Option(name: .customLong("max-time"), parsing: .unconditional, help: ArgumentHelp(
        "Stop the crawl after this much wall-clock time, e.g. 90s, 15m, 2h (off by default).",
        discussion: "Every export is still written; report.json says completed: false, stop_reason: max-time."))
    var maxTime: DurationArgument?

    @Option(name: .customLong("max-memory"), parsing: .unconditional, help: ArgumentHelp(
        "Stop the crawl cleanly before its resident memory reaches this size, e.g. 512MB (off by default).",
        discussion: "Sampled every 100 ms over the whole process tree; the crawl stops at 90 % of it, so the stop and the exports fit. report.json says stop_reason: max-memory."))
    var maxMemory: ByteSize?

    @Flag(name: .customLong("ignore-robots"), help: "Do not fetch or obey robots.txt (RFC 9309 is obeyed by default).")
    var ignoreRobots = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Least milliseconds between the starts of two requests to one host.",
        discussion: "A host's robots.txt Crawl-delay raises it (capped at 30 s). A host that must wait holds no concurrency slot: other hosts' fetches go on."))
    var delay: Int = 0

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Retries of a transient failure (connect error, timeout, reset, or a --retry-on status).",
        discussion: "Exponential backoff from 500 ms with jitter, or the server's Retry-After (up to 60 s); the host waits meanwhile without holding a slot. pages.jsonl gives each page's retries."))
    var retries: Int = 2

    @Option(name: .customLong("retry-on"), help: ArgumentHelp(
        "HTTP statuses retried as transient, comma-separated; 'none' retries no status.",
        discussion: "The default is the set curl's --retry and Scrapy's RETRY_HTTP_CODES share.",
        valueName: "codes"))
    var retryOn: StatusList = StatusList(codes: RetryPolicy.defaultStatuses.sorted())

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

    @Option(name: .customLong("strip-query-params"), help: ArgumentHelp(
        "Remove query parameters whose name matches this regular expression from every link (repeatable), e.g. '^(utm_|sessionid$)'.",
        valueName: "regex"))
    var stripQueryParams: [String] = []

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

    @Option(help: "Which links to follow: host (the seeds' hosts), domain (their registrable domains), any.")
    var scope: CrawlScope.Rule = .host

    @Option(help: ArgumentHelp("Follow only URLs matching this regular expression (repeatable).", valueName: "regex"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("Never follow URLs matching this regular expression (repeatable).", valueName: "regex"))
    var deny: [String] = []

    @Option(help: "edges.csv rows: in-scope (targets inside the crawl scope) or all.")
    var edges: EdgeSelection = .inScope

    @Option(parsing: .unconditional, help: "Whole-transfer timeout in seconds.")
    var timeout: Double = 30

    @Option(name: .customLong("max-bytes"), parsing: .unconditional, help: "Largest body kept, e.g. 10MB; bigger transfers are aborted (too-large).")
    var maxBytes: ByteSize = ByteSize(bytes: 10 << 20)

    @Option(name: .customLong("max-buffered-bytes"), parsing: .unconditional, help: ArgumentHelp(
        "Body bytes all transfers may hold at once, e.g. 256MB; 0 for no cap (default: 64MB, or half of --max-memory).",
        discussion: "A transfer that would pass it waits (paused) until another ends; one at a time may go past it, so every transfer finishes. report.json's body_budget says how often one waited."))
    var maxBufferedBytes: ByteSizeOrZero?

    @Option(name: .customLong("max-redirects"), parsing: .unconditional, help: "Redirects followed per fetch.")
    var maxRedirects: Int = 10

    @Option(name: .customLong("user-agent"), help: "User-Agent header.")
    var userAgent: String = FetchConfiguration().userAgent

    @Flag(name: .customLong("no-proxy-env"), help: ArgumentHelp(
        "Ignore http_proxy, HTTPS_PROXY and ALL_PROXY: every request goes direct.",
        discussion: "By default libcurl takes a proxy from the environment, as curl does; report.json and the summary then name it."))
    var noProxyEnv = false

    @Flag(name: .customLong("allow-bad-ports"), help: ArgumentHelp(
        "Follow links to the Fetch Standard's bad ports (25, 110, 143, 6665-6669, …), which trawl refuses as browsers do.",
        discussion: "A seed on such a port is always fetched: you named it."))
    var allowBadPorts = false

    @Flag(name: .customLong("deny-private"), help: ArgumentHelp(
        "Also refuse to connect to loopback, private (RFC 1918, CGNAT) and unique-local (fc00::/7) addresses.",
        discussion: "The address actually connected is checked, so neither DNS nor a redirect gets past it. --connect-to targets stay allowed. Refused pages are recorded as address-refused."))
    var denyPrivate = false

    @Flag(name: .customLong("allow-link-local"), help: ArgumentHelp(
        "Allow connecting to link-local addresses (169.254.0.0/16, fe80::/10), which trawl refuses by default.",
        discussion: "No public site lives there; cloud metadata services (169.254.169.254) do."))
    var allowLinkLocal = false

    @Option(name: .customLong("connect-to"), help: ArgumentHelp(
        "libcurl CONNECT_TO entry HOST:PORT:CONNECT-HOST:CONNECT-PORT, e.g. ::127.0.0.1:8080 sends every host to a local server (repeatable).",
        valueName: "entry"))
    var connectTo: [String] = []

    enum EdgeSelection: String, ExpressibleByArgument, CaseIterable {
        case inScope = "in-scope"
        case all
    }

    /// Refuses flags that cannot make a crawl, or that would be silently
    /// ignored or change meaning, naming each flag involved.
    func validate() throws {
        try SharedFlagRules.checkConcurrency(concurrency)
        try SharedFlagRules.checkPerHost(perHost)
        try SharedFlagRules.checkWorkers(workers)
        if mode == .processes, concurrency < workers {
            throw ValidationError("--concurrency (\(concurrency)) must be at least --workers (\(workers)): it is split across the workers")
        }
        // The worker flags mean nothing in one process; ignoring them would
        // run a different crawl than the one asked for. (A flag given with
        // its default value cannot be told from an absent one, and asks
        // for nothing different.)
        let defaults = CrawlOptions()
        if mode != .processes, workers != defaults.workers {
            throw ValidationError("--workers \(workers) needs --mode processes (got --mode \(mode.rawValue), which runs in one process)")
        }
        if mode != .processes, workerMode != defaults.workerMode {
            throw ValidationError("--worker-mode \(workerMode.rawValue) needs --mode processes (got --mode \(mode.rawValue)); for one process use --mode \(workerMode.rawValue)")
        }
        if let maxDepth, maxDepth < 0 { throw ValidationError("--max-depth must be 0 or more (got \(maxDepth))") }
        if let maxPages, maxPages < 1 { throw ValidationError("--max-pages must be at least 1 (got \(maxPages))") }
        if let maxPagesPerHost, maxPagesPerHost < 1 { throw ValidationError("--max-pages-per-host must be at least 1 (got \(maxPagesPerHost))") }
        for (flag, value) in [("--max-query-variants", maxQueryVariants), ("--max-path-segments", maxPathSegments),
                              ("--max-path-repeats", maxPathRepeats), ("--max-path-variants", maxPathVariants)] where value < 0 {
            throw ValidationError("\(flag) must be 0 (no limit) or more (got \(value))")
        }
        if let maxTime, maxTime.duration < .milliseconds(1) {
            throw ValidationError("--max-time must be at least 1ms (got \(maxTime.text))")
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
        guard delay >= 0 else { throw ValidationError("--delay must be 0 or more milliseconds (got \(delay))") }
        // Each retry waits up to a minute, so more than this is no crawl.
        guard (0...100).contains(retries) else { throw ValidationError("--retries must be between 0 and 100 (got \(retries))") }
        try SharedFlagRules.checkTimeout(timeout)
        // "0.1B" parses as a size but rounds down to nothing.
        guard maxBytes.bytes >= 1 else { throw ValidationError("--max-bytes must be at least 1B (got \(maxBytes.bytes) bytes)") }
        guard maxRedirects >= 0 else { throw ValidationError("--max-redirects must be 0 or more (got \(maxRedirects))") }
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ValidationError("--connect-to '\(entry)' is not HOST:PORT:CONNECT-HOST:CONNECT-PORT (e.g. ::127.0.0.1:8080)")
        }
    }

    /// `--max-buffered-bytes` (0: no cap), else half of `--max-memory`
    /// (bodies in flight are what a crawl's memory swings with), else the
    /// fetchers' default.
    static func bodyBudget(flag: Int?, maxMemory: Int?) -> Int? {
        if let flag { return flag == 0 ? nil : flag }
        if let maxMemory { return maxMemory / 2 }
        return FetchConfiguration().maxBufferedBodyBytes
    }

    func options(outputDirectory: String) throws -> CrawlOptions {
        var options = CrawlOptions()
        options.mode = mode
        options.concurrency = concurrency
        options.workers = workers
        options.workerMode = workerMode
        options.limits = Frontier.Limits(maxDepth: maxDepth, maxPages: maxPages, perHost: perHost,
                                         obeyRobots: !ignoreRobots, delay: .milliseconds(delay),
                                         maxPagesPerHost: maxPagesPerHost,
                                         maxQueryVariants: maxQueryVariants == 0 ? nil : maxQueryVariants,
                                         maxPathSegments: maxPathSegments == 0 ? nil : maxPathSegments,
                                         maxPathRepeats: maxPathRepeats == 0 ? nil : maxPathRepeats,
                                         maxPathVariants: maxPathVariants == 0 ? nil : maxPathVariants,
                                         refuseBadPorts: !allowBadPorts)
        options.maxTime = maxTime?.duration
        options.maxTitleBytes = maxTitleLength
        options.maxMemoryBytes = maxMemory?.bytes
        options.retry.statuses = Set(retryOn.codes)
        options.links = LinkFilter(
            stripQueryParameters: try stripQueryParams.map { try PatternMatcher($0, flag: "--strip-query-params") },
            maxURLLength: maxURLLength, maxLinksPerPage: maxLinksPerPage)
        options.retry.maxRetries = retries
        options.scopeRule = scope
        options.allow = try allow.map { try PatternMatcher($0, flag: "--allow") }
        options.deny = try deny.map { try PatternMatcher($0, flag: "--deny") }
        options.includeOutOfScopeEdges = edges == .all
        options.fetch.timeout = .milliseconds(Int64(timeout * 1000))
        options.fetch.maxBodyBytes = maxBytes.bytes
        options.fetch.maxBufferedBodyBytes = Self.bodyBudget(flag: maxBufferedBytes?.bytes, maxMemory: maxMemory?.bytes)
        options.fetch.maxRedirects = maxRedirects
        options.fetch.userAgent = userAgent
        options.fetch.useProxyEnvironment = !noProxyEnv
        options.fetch.connectTo = connectTo
        options.fetch.addressGuard.refusePrivate = denyPrivate
        options.fetch.addressGuard.refuseLinkLocal = !allowLinkLocal
        options.outputDirectory = outputDirectory
        return options
    }
}

/// A byte count written as 500, 64KB, 10MB or 1GB (powers of 1024).
struct ByteSize: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var bytes: Int

    /// The largest whole unit: "10MB", "4KB", "1500B"; --help shows defaults so.
    var description: String {
        for (suffix, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where bytes % factor == 0 {
            return "\(bytes / factor)\(suffix)"
        }
        return "\(bytes)B"
    }

    var defaultValueDescription: String { description }

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        let text = argument.uppercased().replacingOccurrences(of: "IB", with: "B")
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            // A size beyond Int (1e30GB) is no size: refused, not trapped.
            guard let value = Double(text.dropLast(suffix.count)), value > 0,
                  value * Double(factor) < Double(Int.max) else { return nil }
            bytes = Int(value * Double(factor))
            return
        }
        guard let value = Int(text), value > 0 else { return nil }
        bytes = value
    }
}

/// A `ByteSize`, or "0" (no cap at all).
struct ByteSizeOrZero: ExpressibleByArgument, CustomStringConvertible, Sendable {
    var bytes: Int

    var description: String { bytes == 0 ? "0" : ByteSize(bytes: bytes).description }

    init?(argument: String) {
        if argument == "0" {
            bytes = 0
        } else if let size = ByteSize(argument: argument) {
            bytes = size.bytes
        } else {
            return nil
        }
    }
}
