import ArgumentParser
import Foundation
import TrawlCore

struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl from a seeds file and export the link graph.",
        discussion: """
            SEEDS holds one URL per line; blank lines and # comments are ignored, a bad line is \
            reported with its number and skipped (--strict: fatal). Writes pages.jsonl, edges.csv, \
            graph.graphml, graph.dot and report.json into --out (default output/crawl-<time>/). \
            Ctrl-C or SIGTERM stops the crawl and still writes every export (exit 130 or 143); a second \
            signal exits at once.

            Exit status: 0 crawled (completed, or stopped by --max-pages, --max-time or --max-memory: \
            report.json says which); 64 bad flags, or a --concurrency the file-descriptor limit cannot hold; 65 the seeds file is not text, or has a bad line and \
            --strict is set; 66 the seeds file is missing or unreadable, or has no valid seed; 70 a worker \
            of --mode processes died; 73 --out cannot be created, holds an earlier crawl's files (see --overwrite), \
            or is in use by another crawl; 74 a write failed mid-crawl (disk full): \
            the message names the file, and every other export is still valid.
            """
    )

    @Argument(help: "Seeds file: one URL per line.")
    var seeds: String

    @OptionGroup var flags: CrawlFlags

    @Option(help: ArgumentHelp(
        "Output folder for this run (created if missing).",
        discussion: "Refused (exit 73) when it holds a crawl's files, unless --overwrite, or while another crawl writes it."))
    var out: String?

    @Flag(help: "Let --out replace an earlier crawl's files there (they are deleted first).")
    var overwrite = false

    @Flag(help: "Treat a bad seed line as fatal instead of skipping it.")
    var strict = false

    @Flag(help: "No progress line on stderr.")
    var quiet = false

    func validate() throws {
        if overwrite && out == nil {
            throw ValidationError("--overwrite needs --out: the default folder is always a new one")
        }
    }

    func run() async throws {
        // Started by `trawl compare`: end with it, even mid-parse.
        ParentDeath.armFromEnvironment()
        let seedList = try reportingErrors { try SeedList(contentsOf: seeds, maxURLLength: flags.maxURLLength) }
        for problem in seedList.problems {
            if strict { Terminal.fail("\(seeds): \(problem)") } else { Terminal.warn("\(seeds): \(problem) (skipped)") }
        }
        if strict && !seedList.problems.isEmpty {
            let error = TrawlError(.badSeed, "\(seedList.problems.count) bad line(s) in seeds file '\(seeds)' and --strict is set")
            Terminal.fail(error.description)
            throw error.exitCode
        }
        // Every other check first: a refused crawl leaves no folder behind.
        try reportingErrors { try seedList.requireSeeds() }
        var options = try reportingErrors { try flags.options(outputDirectory: out ?? "") }
        if let advice = UserAgentAdvice.warning(userAgent: options.fetch.userAgent, seeds: seedList.urls) {
            Terminal.warn(advice)
        }
        options.overwriteOutput = overwrite
        options.outputDirectory = try reportingErrors { try outputDirectory() }
        try await CrawlRunner.run(seeds: seedList, options: options, quiet: quiet)
    }
}

extension CrawlCommand {
    /// The folder this run writes: by default a new one (mkdir, so two
    /// crawls started in the same second get `crawl-…` and `crawl-…-2`);
    /// else --out, which the engine claims (locked, and refused when it
    /// holds a crawl's files).
    private func outputDirectory() throws(TrawlError) -> String {
        guard let out else { return try OutputFolder.createUnique("output/\(RunName.make(prefix: "crawl"))") }
        return out
    }
}

/// Runs a crawl under the signal trap and the progress line, prints the
/// summary, and turns the outcome into the process's exit code.
enum CrawlRunner {
    static func run(seeds: SeedList, options: CrawlOptions, quiet: Bool) async throws {
        // Past a file-size limit (ulimit -f) a write then fails with EFBIG
        // and is reported naming the file, instead of SIGXFSZ dumping core.
        signal(SIGXFSZ, SIG_IGN)
        let progress = quiet ? nil : ProgressLine.handlerIfTerminal()
        let outcome = await SignalTrap.run {
            try await CrawlEngine.run(seeds: seeds, options: options, progress: progress)
        }
        ProgressLine.clear(enabled: progress != nil)
        let result: CrawlEngine.Result
        switch outcome.result {
        case .success(let value): result = value
        case .failure(let error as TrawlError):
            Terminal.fail(error.description)
            throw error.exitCode
        case .failure(let error):
            Terminal.fail("\(error)")
            throw ExitCode.failure
        }
        print(result.report.summary)
        print("  output     \(options.outputDirectory)/ (pages.jsonl, edges.csv, graph.graphml, graph.dot, report.json)")
        if let failure = result.failure {
            Terminal.fail(failure.description)
            throw failure.exitCode
        }
        if let signal = outcome.signal { throw ExitCode(128 + signal) }
    }
}

/// Runs `body`, printing a TrawlError as one clear line and exiting non-zero.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as TrawlError {
        Terminal.fail(error.description)
        throw error.exitCode
    }
}

enum RunName {
    /// "crawl-20261125-093012": sorts by time, safe in any file system.
    /// One-second resolution: `OutputFolder.createUnique` makes it unique.
    static func make(prefix: String) -> String {
        "\(prefix)-\(Timestamp.localCompact(Timestamp.nowSeconds()))"
    }
}
