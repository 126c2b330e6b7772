import ArgumentParser
import TrawlGraph

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Summarize a finished crawl's link graph: degrees, top pages, PageRank, components, broken links.",
        discussion: """
            Reads nodes.csv, edges-ids.csv and (when present) redirects.csv from a crawl's output \
            folder. Link edges and redirect hops together are the graph. PageRank is networkx's \
            (damping 0.85, dangling rank spread uniformly) run to a tolerance of 1e-12. A broken link \
            is a URL that failed (4xx/5xx or an error class) and that some page links or redirects to. \
            Exits 66 when the folder lacks nodes.csv or edges-ids.csv, 65 on a malformed line.
            """
    )

    @Argument(help: ArgumentHelp("The crawl's output folder (its --out).", valueName: "out"))
    var out: String

    @Flag(help: "Print one JSON document (snake_case keys) instead of text.")
    var json = false

    @Option(help: "Pages in each top list.")
    var top = 20

    @Option(name: .customLong("broken-limit"), help: "Broken targets listed (text: 100 unless given; --json: all unless given).")
    var brokenLimit: Int?

    @Option(name: .customLong("referrer-limit"), help: "Referring pages listed per broken target (text: 10 unless given; --json: all unless given).")
    var referrerLimit: Int?

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be 0 or more, not \(top)") }
        if let brokenLimit, brokenLimit < 0 { throw ValidationError("--broken-limit must be 0 or more, not \(brokenLimit)") }
        if let referrerLimit, referrerLimit < 0 { throw ValidationError("--referrer-limit must be 0 or more, not \(referrerLimit)") }
    }

    func run() throws {
        let summary: GraphSummary
        do {
            summary = try GraphSummary(folder: CrawlFolder(path: out), top: top)
        } catch let error as GraphError {
            Terminal.fail(error.description)
            throw error.exitCode
        }
        if json {
            print(summary.json(brokenLimit: brokenLimit, referrerLimit: referrerLimit), terminator: "")
        } else {
            print(summary.text(brokenLimit: brokenLimit ?? 100, referrerLimit: referrerLimit ?? 10), terminator: "")
        }
    }
}
