import ArgumentParser
import TrawlCore

/// `trawl export --frontier … --out DIR`: a shared crawl's exports, written
/// from the records in Redis, from any machine, while it runs or after.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a shared crawl's exports (pages.jsonl, edges.csv, GraphML, DOT, report.json) from Redis.",
        discussion: """
            Every page the crawl recorded appears once, as a single process would have exported it; report.json \
            says completed: false (stop reason crawl-in-progress) while URLs are still pending or in flight. \
            Exit status: 0 written; 64 a bad flag; 65 no crawl of that name; 69 Redis refused a command; \
            73 --out cannot be created or holds an earlier crawl's files (see --overwrite); 74 a write failed.
            """
    )

    @Option(help: "The crawl: redis://HOST[:PORT]/NAME or unix:///PATH?crawl=NAME.")
    var frontier: String

    @Option(help: "Folder to write (created if missing).")
    var out: String

    @Flag(help: "Remove an earlier crawl's files from --out first.")
    var overwrite = false

    func run() async throws {
        let endpoint = try reportingErrors { try ClusterSetup.endpoint(frontier) }
        let stored = try reportingErrors { try ClusterSetup.stored(at: endpoint, giveUpAfter: ClusterStatus.giveUpAfter) }
        var options = stored.options
        options.frontier = SharedFrontier(endpoint: frontier, role: .export)
        options.keepsState = false
        options.outputDirectory = out
        options.overwriteOutput = overwrite
        options.maxTime = nil
        options.maxMemoryBytes = nil
        options.log = LogSettings()
        let seeds = SeedList(arguments: stored.seeds, maxURLLength: options.links.maxURLLength)
        try await CrawlRunner.run(seeds: seeds, options: options, quiet: true)
    }
}
