import ArgumentParser
import Foundation
import TrawlCompare
import TrawlCore

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one workload under every strategy and show which serves it best, with charts.",
        discussion: """
            Without SEEDS, serves a generated web in a child process (offline, reproducible) and crawls it; \
            --preset picks a named workload (io-bound, many-slow, cpu-bound, mixed, or all of them). With SEEDS, \
            crawls them (bound it with --max-pages). Every run is its own `trawl crawl` child process, runs are \
            interleaved across modes (A B C A B C …), and each configuration is repeated --repeat times. Writes \
            results.json, results.csv, report.md and SVG charts into --out/compare-<time>/. On a crawl run to \
            completion every mode must find the identical edge set: if one differs, compare says so and exits 1. \
            --docroot DIR serves a directory of static files (a real site: `make bench-real` uses Django's \
            documentation) as --hosts hosts with --latency instead; it has no ground truth, so every run is \
            checked against the edge set most runs share.
            """
    )

    @Argument(help: "Seeds file to crawl instead of the generated web.")
    var seeds: String?

    @Option(help: ArgumentHelp("Named workload: \(PresetChoice.allValueStrings.joined(separator: ", ")).", valueName: "name"))
    var preset: PresetChoice?

    @Option(help: ArgumentHelp("Strategies to compare, comma-separated.", valueName: "modes"))
    var modes = ModeList(CrawlOptions.Mode.allCases)

    @Option(help: ArgumentHelp(
        "Concurrencies to run each mode at, comma-separated (default: the preset's, else 16,256,1024).",
        valueName: "list"))
    var concurrency: CountList?

    @Option(name: .customLong("repeat"), help: "Runs of every mode × concurrency; the table shows their median and range.")
    var repeats: Int = 3

    @Option(name: .customLong("per-host"), help: "Transfers in flight per host (default: the run's concurrency, so only the strategy bounds it).")
    var perHost: Int?

    @OptionGroup(title: "How fast") var strategy: StrategyFlags
    @OptionGroup(title: "What to crawl") var reach: ReachFlags
    @OptionGroup(title: "Requests") var transfer: TransferFlags

    @OptionGroup(title: "Generated web (without SEEDS; each overrides the preset)")
    var web: CompareWebFlags

    @Option(help: ArgumentHelp("Serve this directory of static files instead of a generated web (with --hosts, --latency).",
                               valueName: "dir"))
    var docroot: String?

    @Option(help: "Folder under which compare-<time>/ is written.")
    var out: String = "output"

    @Flag(name: .customLong("keep-exports"), help: "Keep every run's pages.jsonl, GraphML and DOT (edges.csv and report.json are always kept).")
    var keepExports = false

    @Flag(help: "No progress display on stderr.")
    var quiet = false

    /// Test hook: runs of this mode drop a tenth of the edges, so the
    /// fairness check must fail.
    @Option(name: .customLong("test-drop-edges"), help: .hidden)
    var dropEdgesInMode: CrawlOptions.Mode?

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1 (got \(repeats))") }
        for value in concurrency?.values ?? [] { try SharedFlagRules.checkConcurrency(value) }
        if let perHost { try SharedFlagRules.checkPerHost(perHost) }
        if seeds != nil {
            if preset != nil { throw ValidationError("--preset describes a generated web; it cannot be used with SEEDS") }
            if !web.isEmpty { throw ValidationError("--hosts, --pages, --latency and the other web flags shape the generated web; they cannot be used with SEEDS") }
        } else if !transfer.connectTo.isEmpty {
            throw ValidationError("--connect-to applies only with SEEDS: the generated web is mapped onto its own server")
        }
        if docroot != nil {
            if seeds != nil { throw ValidationError("--docroot serves its own web; it cannot be used with SEEDS") }
            if preset != nil { throw ValidationError("--preset describes a generated web; it cannot be used with --docroot") }
            if let flag = web.generationFlagSet {
                throw ValidationError("\(flag) shapes a generated web and cannot be used with --docroot, which serves the directory as it is")
            }
        }
        if preset == .all, concurrency != nil || !web.isEmpty {
            throw ValidationError("--preset all runs each preset with its own web and concurrencies; pick one preset to override them")
        }
    }

    func run() async throws {
        let workloads = try makeWorkloads()
        let plan = ComparePlan(modes: modes.modes, repeats: repeats, workers: strategy.workers, workerMode: strategy.workerMode,
                               dropEdgesInMode: dropEdgesInMode)
        guard let executable = ChildProcess.currentExecutablePath else {
            Terminal.fail("cannot find the trawl executable (/proc/self/exe) to start the runs")
            throw ExitCode(70)
        }
        let directory = try reportingErrors { try OutputFolder.createUnique("\(out)/\(RunName.make(prefix: "compare"))") }
        var runner = CompareRunner(executablePath: executable, directory: directory, plan: plan, workloads: workloads,
                                   command: CommandText.reproducing(CommandLine.arguments))
        runner.keepExports = keepExports
        let total = workloads.reduce(0) { $0 + plan.runs(of: $1).count }
        print("compare: \(total) runs — \(plan.modes.map(\.rawValue).joined(separator: ", ")) × \(workloads.count == 1 ? "concurrency \(workloads[0].concurrencies.map(String.init).joined(separator: ", "))" : "\(workloads.count) workloads") × \(repeats) repeat\(repeats == 1 ? "" : "s"); output \(directory)/")
        let display = CompareProgressDisplay(enabled: !quiet)
        let runnerCopy = runner
        let outcome = await SignalTrap.run { try await runnerCopy.run(progress: display.show) }
        display.finish()
        let results: CompareResults
        switch outcome.result {
        case .success(let value): results = value
        case .failure(let error):
            Terminal.fail("\(error)")
            throw ExitCode(error is CompareError ? 73 : 1)
        }
        print("\n" + CompareOutput.table(results))
        print("\n  output     \(directory)/ (results.json, results.csv, report.md, charts)")
        try conclude(results, signal: outcome.signal)
    }

    /// Fairness first (a mode that lost edges makes every figure moot),
    /// then failed runs, then an interrupt.
    private func conclude(_ results: CompareResults, signal: Int32?) throws {
        var failed = false
        for workload in results.workloads {
            if workload.fairness.passed {
                print("  fairness   \(workload.workload.name): \(workload.fairness.verdict)")
            } else {
                Terminal.fail(Terminal.red("fairness check failed for \(workload.workload.name): \(workload.fairness.verdict)"))
                failed = true
            }
        }
        let failedRuns = results.failedRuns
        if !failedRuns.isEmpty {
            let names = failedRuns.prefix(5).map { "\($0.run.label): \($0.failure ?? "")" }.joined(separator: "; ")
            Terminal.fail("\(failedRuns.count) run(s) failed and are left out of the figures — \(names)")
            failed = true
        }
        if let signal { throw ExitCode(128 + signal) }
        if failed { throw ExitCode.failure }
    }

    private func makeWorkloads() throws -> [Workload] {
        var workloads: [Workload]
        if let seeds {
            guard FileManager.default.isReadableFile(atPath: seeds) else {
                Terminal.fail("cannot read seeds file '\(seeds)'")
                throw ExitCode(66)
            }
            workloads = [Workload(name: "seeds", summary: "the seeds in \(seeds)", seedsFile: seeds,
                                  concurrencies: concurrency?.values ?? [16, 256, 1024])]
        } else if let docroot {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: docroot, isDirectory: &isDirectory), isDirectory.boolValue else {
                Terminal.fail("--docroot '\(docroot)' is not a directory")
                throw ExitCode(66)
            }
            let site = WebShape(docroot: docroot, hosts: 6, latency: "50ms")
            workloads = [Workload(name: "docroot", summary: "a real site served offline", web: site,
                                  concurrencies: [16, 256, 1024])]
        } else if let preset {
            workloads = preset.presets.map(\.workload)
        } else {
            workloads = [Workload(name: "custom", summary: "a generated web", web: WebShape(), concurrencies: [16, 256, 1024])]
        }
        for index in workloads.indices {
            if let web = workloads[index].web { workloads[index].web = self.web.applied(to: web) }
            if let values = concurrency?.values { workloads[index].concurrencies = values }
            workloads[index].perHost = perHost
            workloads[index].maxPages = reach.maxPages
            workloads[index].crawlArguments = passThroughArguments
        }
        return workloads
    }

    /// The crawl flags given to compare that every run gets unchanged
    /// (--max-pages goes with each workload, which the plan reads).
    private var passThroughArguments: [String] {
        var arguments = [String]()
        if let maxDepth = reach.maxDepth { arguments += ["--max-depth", "\(maxDepth)"] }
        if let scope = reach.scope { arguments += ["--scope", scope.rawValue] }
        return arguments + transfer.crawlArguments
    }
}

