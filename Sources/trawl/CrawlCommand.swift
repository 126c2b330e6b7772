import ArgumentParser
import Foundation
import TrawlCore

struct CrawlCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crawl",
        abstract: "Crawl from seed URLs, a seeds file or standard input, and export the link graph.",
        discussion: """
            Seeds: URLs as arguments (trawl crawl https://example.com/ https://example.org/), a seeds file \
            (trawl crawl seeds.txt, or --seeds seeds.txt) or standard input (trawl crawl -). A seeds file holds \
            one URL per line; blank lines and # comments are ignored, a bad line is reported with its number and \
            skipped (--strict: fatal). Durations are written 500ms, 2s, 1m or 1h; a bare number keeps each \
            flag's old unit. Writes pages.jsonl, edges.csv, graph.graphml, graph.dot and report.json into --out \
            (default output/crawl-<time>/). Ctrl-C or SIGTERM stops the crawl and still writes every export \
            (exit 130 or 143); a second signal exits at once (a SIGTERM repeated within 250 ms, as timeout(1) \
            sends it, is the same request). With --frontier redis://HOST[:PORT]/NAME the \
            frontier is shared through Redis: with seeds this process starts crawl NAME (and writes the whole \
            crawl's exports when it ends); without, it joins NAME by the crawl's stored settings (and writes the \
            pages it fetched). See trawl status and trawl export.

            Exit status: 0 crawled (completed, or stopped by --max-pages, --max-time or --max-memory: \
            report.json says which); 64 bad flags, a bad seed argument, or a --concurrency the file-descriptor \
            limit cannot hold; 65 the seeds file is not text, or has a bad line and \
            --strict is set, or --frontier names no crawl to join; 66 the seeds file is missing or unreadable, \
            or has no valid seed; 69 the shared frontier failed (Redis refused a command); 70 a worker \
            of --mode processes died; 73 --out cannot be created, holds an earlier crawl's files (see --overwrite), \
            or is in use by another crawl; 74 a write failed mid-crawl (disk full): \
            the message names the file, and every other export is still valid.
            """
    )

    @OptionGroup var flags: CrawlFlags

    func run() async throws {
        // Started by `trawl compare`: end with it, even mid-parse.
        ParentDeath.armFromEnvironment()
        if let folder = flags.output.resume { return try await resume(folder) }
        if flags.shared.frontier != nil, !flags.seeds.areGiven { return try await join() }
        let seedList = try loadSeeds()
        // Every other check first: a refused crawl leaves no folder behind.
        try reportingErrors { try seedList.requireSeeds() }
        var options = try reportingErrors { try flags.options(outputDirectory: flags.output.out ?? "") }
        if let advice = UserAgentAdvice.warning(userAgent: options.fetch.userAgent, seeds: seedList.urls) {
            Terminal.warn(advice)
        }
        options.overwriteOutput = flags.output.overwrite
        if let shared = flags.shared.shared(role: .start) {
            _ = try reportingErrors { try ClusterSetup.endpoint(shared.endpoint) }
            options.frontier = shared
            options.keepsState = false
        }
        options.outputDirectory = try reportingErrors { try outputDirectory() }
        try await CrawlRunner.run(seeds: seedList, options: options, quiet: flags.logging.quiet,
                                  statsInterval: flags.logging.statsInterval.duration)
    }
}

extension CrawlCommand {
    /// `--resume OUT`: the recorded crawl, with what this command line may
    /// change of it.
    private func resume(_ folder: String) async throws {
        let recorded = try reportingErrors { try CrawlResume.recorded(in: folder) }
        let given = try reportingErrors { try flags.options(outputDirectory: folder) }
        let options = try reportingErrors {
            try CrawlResume.merge(recorded: recorded.options, given: given, defaults: try CrawlFlags.defaultOptions())
        }
        let seeds = SeedList(arguments: recorded.seeds, maxURLLength: options.links.maxURLLength)
        try await CrawlRunner.run(seeds: seeds, options: options, quiet: flags.logging.quiet,
                                  statsInterval: flags.logging.statsInterval.duration, resume: true)
    }

    /// `--frontier` without seeds: join the crawl stored there, by its
    /// settings, with what this command line may set for itself.
    private func join() async throws {
        let shared = flags.shared.shared(role: .join)!
        let endpoint = try reportingErrors { try ClusterSetup.endpoint(shared.endpoint) }
        let stored = try reportingErrors { try ClusterSetup.awaitStored(at: endpoint) }
        var given = try reportingErrors { try flags.options(outputDirectory: "") }
        given.frontier = shared
        given.keepsState = false
        var options = try reportingErrors {
            try CrawlResume.merge(recorded: stored.options, given: given, defaults: try CrawlFlags.defaultOptions(),
                                  joining: endpoint.description)
        }
        options.overwriteOutput = flags.output.overwrite
        options.outputDirectory = try reportingErrors { try outputDirectory() }
        let seeds = SeedList(arguments: stored.seeds, maxURLLength: options.links.maxURLLength)
        try await CrawlRunner.run(seeds: seeds, options: options, quiet: flags.logging.quiet,
                                  statsInterval: flags.logging.statsInterval.duration)
    }

    /// The folder this run writes: by default a new one (mkdir, so two
    /// crawls started in the same second get `crawl-…` and `crawl-…-2`);
    /// else --out, which the engine claims (locked, and refused when it
    /// holds a crawl's files).
    private func outputDirectory() throws(TrawlError) -> String {
        guard let out = flags.output.out else { return try OutputFolder.createUnique("output/\(RunName.make(prefix: "crawl"))") }
        return out
    }
}

/// Runs a crawl under the signal trap and the progress line, prints the
/// summary, and turns the outcome into the process's exit code.
enum CrawlRunner {
    static func run(seeds: SeedList, options: CrawlOptions, quiet: Bool, statsInterval: Duration = .seconds(10),
                    resume: Bool = false) async throws {
        // Past a file-size limit (ulimit -f) a write then fails with EFBIG
        // and is reported naming the file, instead of SIGXFSZ dumping core.
        signal(SIGXFSZ, SIG_IGN)
        let progress = quiet ? nil : try reportingErrors {
            try ProgressLine.handler(maxPages: options.limits.maxPages, statsInterval: statsInterval, log: options.log)
        }
        let outcome = await SignalTrap.run {
            try await CrawlEngine.run(seeds: seeds, options: options, progress: progress, resume: resume)
        }
        ProgressLine.clear(enabled: progress != nil && Terminal.stderrIsTerminal)
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
        print("  output     \(options.outputDirectory)/ (pages.jsonl, edges.csv, nodes.csv, edges-ids.csv, redirects.csv, hosts.csv, host-edges.csv, graph.graphml, graph.dot, report.json\(options.keepsState ? ", state.db" : ""))")
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
