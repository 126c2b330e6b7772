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

    @Option(help: ArgumentHelp(
        "Continue the crawl whose output (and state.db) is in this folder, after a crash, Ctrl-C or a --max-pages/--max-time cut.",
        discussion: "Takes no seeds: the crawl's recorded seeds and settings are used. Flags that would change the result (scope, allow/deny, depth and trap limits) are refused; --max-pages, --max-time, --concurrency, --mode and politeness may change. The exports are rewritten from the journal, so they cover every sitting.",
        valueName: "out"))
    var resume: String?

    @Flag(name: .customLong("no-state"), help: "Keep no journal (OUT/state.db): the crawl cannot be resumed. For benchmarks that measure without it.")
    var noState = false

    @Option(help: "edges.csv rows: in-scope (targets inside the crawl scope) or all.")
    var edges: EdgeSelection = .inScope

    enum EdgeSelection: String, ExpressibleByArgument, CaseIterable {
        case inScope = "in-scope"
        case all
    }

    func validate() throws {
        if resume != nil {
            if out != nil { throw ValidationError("--resume takes the crawl's folder itself: drop --out") }
            if overwrite { throw ValidationError("--resume continues the crawl in its folder: --overwrite would delete it") }
            if noState { throw ValidationError("--resume needs the crawl's state: drop --no-state") }
        }
        if overwrite && out == nil {
            throw ValidationError("--overwrite needs --out: the default folder is always a new one")
        }
    }
}
