import ArgumentParser

/// Where `trawl crawl` writes its exports, and which edges go in.
struct OutputFlags: ParsableArguments {
    @Option(name: [.customShort("P"), .customLong("out")], help: ArgumentHelp(
        "Output folder for this run (created if missing; default output/crawl-<time>/).",
        discussion: "Refused (exit 73) when it holds a crawl's files, unless --overwrite, or while another crawl writes it.",
        valueName: "out"))
    var out: String?

    @Flag(help: "Let --out replace an earlier crawl's files there (they are deleted first).")
    var overwrite = false

    @Option(help: "edges.csv rows: in-scope (targets inside the crawl scope) or all.")
    var edges: EdgeSelection = .inScope

    enum EdgeSelection: String, ExpressibleByArgument, CaseIterable {
        case inScope = "in-scope"
        case all
    }

    func validate() throws {
        if overwrite && out == nil {
            throw ValidationError("--overwrite needs --out: the default folder is always a new one")
        }
    }
}
