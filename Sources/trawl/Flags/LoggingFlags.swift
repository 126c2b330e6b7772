import ArgumentParser
import Logging
import TrawlCore

extension Logger.Level: @retroactive ExpressibleByArgument {}
extension LogSettings.Format: ExpressibleByArgument {}

/// What `trawl crawl` says while it runs: the progress line (a terminal),
/// or a stats line every --stats-interval (cron, CI, systemd), and the log.
struct LoggingFlags: ParsableArguments {
    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress or stats lines on stderr: only warnings and errors (and the summary on stdout).")
    var quiet = false

    @Option(name: .customLong("log-level"), help: ArgumentHelp(
        "trace, debug, info, notice, warning, error or critical.",
        discussion: "debug logs each fetch with its outcome, trace also each redirect hop and robots.txt decision."))
    var level: Logger.Level = .notice

    @Option(name: .customLong("log-format"), help: "text, or json: one object per line, the crawl's fields as keys.")
    var format: LogSettings.Format = .text

    @Option(name: [.customShort("o"), .customLong("log-file")], help: ArgumentHelp(
        "Append the log to this file instead of stderr (as wget -o).",
        discussion: "Every worker of --mode processes appends to it too, one whole line at a time.", valueName: "path"))
    var file: String?

    @Option(name: .customLong("log-max-size"), help: "Bytes a --log-file may grow by, e.g. 100MB (1GB by default); past it logging stops and says so.")
    var maxSize: ByteSize?

    @Option(name: .customLong("stats-interval"), help: ArgumentHelp(
        "When stderr is not a terminal: a stats line at notice level this often, e.g. 30s (0: none).",
        discussion: "Pages, pages/s, in flight, queued, errors, elapsed: as Scrapy's LogStats does. A plain number is seconds."))
    var statsInterval = SecondsOrDuration(argument: "10s")!

    func validate() throws {
        if let file, file.isEmpty { throw ValidationError("--log-file needs a path") }
        if let maxSize, maxSize.bytes < 1 { throw ValidationError("--log-max-size must be at least 1 byte") }
        try statsInterval.check("--stats-interval", within: 0...86_400, "between 0 and 1d")
        if statsInterval.seconds > 0 && statsInterval.seconds < 0.1 {
            throw ValidationError("--stats-interval must be 0 (none) or at least 100ms (got \(statsInterval))")
        }
    }

    var settings: LogSettings {
        LogSettings(level: level, format: format, file: file, maxFileBytes: maxSize?.bytes ?? LogSettings.defaultMaxFileBytes)
    }
}
