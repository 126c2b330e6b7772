import ArgumentParser

@main
struct Trawl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "A web crawler that measures which concurrency strategy serves a crawl best.",
        discussion: """
            Fetches with libcurl's multi interface, parses with libxml2, exports the link graph \
            (pages.jsonl, edges.csv, GraphML, DOT, report.json). `trawl demo` shows it all on a \
            generated local web.
            """,
        version: "0.1.0",
        subcommands: [
            CrawlCommand.self, CompareCommand.self, ServeCommand.self, ExportCommand.self, StatusCommand.self, LinksCommand.self, RobotsCommand.self, GraphCommand.self, DemoCommand.self,
            CrawlWorkerCommand.self,
        ]
    )

    /// The entry point: standard streams made safe (see `StandardStreams`)
    /// before the command line is parsed or anything is written.
    static func main() async {
        StandardStreams.prepare()
        await main(nil)
    }
}
