import ArgumentParser

/// What `trawl crawl` says while it runs. (wget's -o, a log file, waits
/// for a --log-file option: trawl has none yet.)
struct LoggingFlags: ParsableArguments {
    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress line on stderr: only warnings and errors (and the summary on stdout).")
    var quiet = false
}
