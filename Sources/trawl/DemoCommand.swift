import ArgumentParser
import Foundation
import SyntheticWeb
import TrawlCore

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Serve a generated web in-process, crawl it, and check the graph against the truth.",
        discussion: "Runs offline: the web is served on 127.0.0.1 and every host is mapped onto it with CONNECT_TO."
    )

    @Option(help: "Output folder (default output/demo-<time>/).")
    var out: String?

    @Option(help: "Number of virtual hosts.")
    var hosts: Int = 10

    @Option(help: "Pages per host.")
    var pages: Int = 300

    @Option(help: "Transfers in flight at most.")
    var concurrency: Int = 128

    func validate() throws {
        guard hosts >= 1, pages >= 1, concurrency >= 1 else {
            throw ValidationError("--hosts, --pages and --concurrency must be at least 1")
        }
    }

    func run() async throws {
        var config = SyntheticWebConfig()
        config.seed = 2026
        config.hosts = hosts
        config.pagesPerHost = pages
        config.latency = try LatencyDistribution(parsing: "20..80ms")
        let web = SyntheticWeb(config)
        let directory = try out ?? reportingErrors { try OutputFolder.createUnique("output/\(RunName.make(prefix: "demo"))") }
        print("demo: serving \(hosts) hosts × \(pages) pages (latency 20..80 ms) on 127.0.0.1, crawling with mode async, concurrency \(concurrency)")
        let concurrency = self.concurrency
        try await SyntheticWebServer.withRunning(web) { server in
            var options = CrawlOptions()
            options.concurrency = concurrency
            options.limits.perHost = max(8, concurrency / hosts)
            options.fetch.connectTo = ["::127.0.0.1:\(server.port)"]
            options.outputDirectory = directory
            try await CrawlRunner.run(seeds: SeedList(text: web.seedURLs.joined(separator: "\n"), path: "<demo web>"),
                                      options: options, quiet: false)
        }
        let truth = (["source,target"] + web.truthEdges()).joined(separator: "\n") + "\n"
        let edges = (try? String(contentsOfFile: directory + "/edges.csv", encoding: .utf8)) ?? ""
        if edges == truth {
            print("  check      edges.csv equals the generated web's ground truth (\(web.truthEdges().count) edges) ✓")
        } else {
            Terminal.fail("edges.csv differs from the generated web's ground truth")
            throw ExitCode.failure
        }
    }
}
