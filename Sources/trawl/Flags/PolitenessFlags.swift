import ArgumentParser
import TrawlCore

/// How gently `trawl crawl` treats each host: the pause between its
/// requests, robots.txt, and retries.
struct PolitenessFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Least time between the starts of two requests to one host, e.g. 500ms, 2s (default 0). A bare number is milliseconds.",
        discussion: "A host's robots.txt Crawl-delay raises it (capped at 30 s). A host that must wait holds no concurrency slot: other hosts' fetches go on.",
        valueName: "duration"))
    var delay: MillisecondsOrDuration?

    @Option(name: .customShort("w"), parsing: .unconditional, help: ArgumentHelp(
        "--delay, as wget spells it; it needs a unit (2s, 500ms).",
        discussion: "wget reads a bare -w 2 as seconds and --delay 2 is milliseconds, so -w takes no bare number.",
        valueName: "duration"))
    var wait: DurationArgument<NoBareNumber>?

    @Flag(name: .customLong("ignore-robots"), help: "Do not fetch or obey robots.txt (RFC 9309 is obeyed by default).")
    var ignoreRobots = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Retries of a transient failure (connect error, timeout, reset, or a --retry-on status).",
        discussion: "Exponential backoff from 500 ms with jitter, or the server's Retry-After (up to 60 s); the host waits meanwhile without holding a slot. pages.jsonl gives each page's retries."))
    var retries: Int = 2

    @Option(name: .customLong("retry-on"), help: ArgumentHelp(
        "HTTP statuses retried as transient, comma-separated; 'none' retries no status.",
        discussion: "The default is the set curl's --retry and Scrapy's RETRY_HTTP_CODES share.",
        valueName: "codes"))
    var retryOn: StatusList = StatusList(codes: RetryPolicy.defaultStatuses.sorted())

    func validate() throws {
        if let wait {
            guard delay == nil else { throw ValidationError("-w and --delay both given: they are one setting") }
            guard !wait.lacksUnit else {
                throw ValidationError("-w \(wait.text) needs a unit (\(wait.text)s or \(wait.text)ms): wget reads a bare -w as seconds, --delay as milliseconds")
            }
        }
        try wait?.check("-w", within: 0...86_400, "between 0 and 1d")
        try delay?.check("--delay", within: 0...86_400, "between 0 and 1d")
        // Each retry waits up to a minute, so more than this is no crawl.
        guard (0...100).contains(retries) else { throw ValidationError("--retries must be between 0 and 100 (got \(retries))") }
    }

    /// The delay given (by either spelling), else none.
    var delayDuration: Duration {
        wait?.duration ?? delay?.duration ?? .zero
    }
}
