import ArgumentParser
import Foundation
import TrawlCore

/// `trawl status --frontier …`: a shared crawl's progress, for a user
/// watching it from any machine that reaches its Redis.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show a shared crawl's progress: pending, in flight, done, hosts, workers, rate.",
        discussion: """
            Reads the counters the crawl keeps in Redis (one read per partition, never a scan of keys), twice, \
            --interval apart, for the rate. Exit status: 0 shown; 64 a bad --frontier; 65 no crawl of that name; \
            69 Redis refused a command.
            """
    )

    @Option(help: "The crawl: redis://HOST[:PORT]/NAME or unix:///PATH?crawl=NAME.")
    var frontier: String

    @Option(help: "Time between the two samples the rate is measured over (default 1s; 0s for none).")
    var interval: DurationArgument<NoBareNumber>?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if let interval, interval.lacksUnit || interval.duration < .zero || interval.duration > .seconds(60) {
            throw ValidationError("--interval must be a duration from 0s to 60s, like 1s or 500ms (got \(interval.text))")
        }
    }

    func run() throws {
        let endpoint = try reportingErrors { try ClusterSetup.endpoint(frontier) }
        let report = try reportingErrors { try ClusterStatus.read(endpoint, interval: interval?.duration ?? .seconds(1)) }
        if json {
            let data = try JSONEncoder.sorted.encode(report)
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}
