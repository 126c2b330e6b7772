import Foundation
import TrawlCore

/// Runs every workload under every configuration of the plan, each run a
/// `trawl crawl` child process of its own, and keeps the output folder
/// valid after every run: a comparison stopped by Ctrl-C or a failure keeps
/// what it measured.
public struct CompareRunner: Sendable {
    /// The trawl executable to start for `serve` and `crawl`.
    public var executablePath: String
    /// The comparison's own folder (`output/compare-<time>`).
    public var directory: String
    public var plan: ComparePlan
    public var workloads: [Workload]
    /// The command line that reproduces this comparison, for the report.
    public var command: String
    /// Keep every run's pages.jsonl, GraphML and DOT (edges.csv and
    /// report.json are always kept).
    public var keepExports = false

    public init(executablePath: String, directory: String, plan: ComparePlan, workloads: [Workload], command: String) {
        self.executablePath = executablePath
        self.directory = directory
        self.plan = plan
        self.workloads = workloads
        self.command = command
    }

    /// Runs the comparison. Cancellation (Ctrl-C) stops the run in flight
    /// with SIGTERM — it still writes its exports — and returns what was
    /// measured with `completed` false.
    public func run(progress: @escaping @Sendable (CompareProgress) -> Void) async throws -> CompareResults {
        let started = ContinuousClock.now
        var results = CompareResults(
            trawlVersion: RunReport.currentVersion, startedAt: Timestamp.iso8601UTC(Timestamp.nowSeconds()), elapsedSeconds: 0,
            command: command, machine: .current(trawlVersion: RunReport.currentVersion), plan: plan, workloads: [],
            completed: false)
        let total = workloads.reduce(0) { $0 + plan.runs(of: $1).count }
        var counter = RunCounter(total: total, started: started)
        try makeDirectory(directory)

        func save() throws {
            results.elapsedSeconds = Self.seconds(since: started)
            try CompareOutput.write(results, to: directory)
        }

        for workload in workloads {
            let workloadDirectory = "\(directory)/runs/\(workload.name)"
            try makeDirectory(workloadDirectory)
            var runs = [RunResult]()
            let record: (RunResult, String?) throws -> Void = { result, truth in
                runs.append(result)
                let entry = CompareResults.WorkloadResults(workload: workload, plan: plan, runs: runs, truthSHA256: truth)
                if results.workloads.last?.workload == workload { results.workloads.removeLast() }
                results.workloads.append(entry)
                try save()
            }
            if let web = workload.web {
                progress(.serverStarting(workload: workload.name, web: web))
                try await ServerProcess.withRunning(web, executablePath: executablePath, directory: workloadDirectory) { server in
                    // A docroot has no truth: runs are held to the hash most share.
                    let truth = try server.truthFile.map { try EdgeFileHash.sha256(ofSortedEdgesFile: $0) }
                    try await runAll(workload, in: workloadDirectory, seedsFile: server.seedsFile,
                                     connectTo: "::127.0.0.1:\(server.port)", server: server.process,
                                     counter: &counter, progress: progress) { try record($0, truth) }
                }
            } else {
                try await runAll(workload, in: workloadDirectory, seedsFile: workload.seedsFile ?? "", connectTo: nil,
                                 server: nil, counter: &counter, progress: progress) { try record($0, nil) }
            }
            if Task.isCancelled { break }
        }
        results.completed = !Task.isCancelled
        try save()
        return results
    }

    private func runAll(
        _ workload: Workload, in workloadDirectory: String, seedsFile: String, connectTo: String?, server: LoggedProcess?,
        counter: inout RunCounter, progress: @Sendable (CompareProgress) -> Void, record: (RunResult) throws -> Void
    ) async throws {
        for spec in plan.runs(of: workload) {
            if Task.isCancelled { return }
            let index = counter.next()
            progress(.runStarted(workload: workload.name, run: spec, index: index, total: counter.total,
                                 elapsedSeconds: counter.elapsed, etaSeconds: counter.eta))
            let arguments = plan.crawlArguments(for: spec, of: workload, seedsFile: seedsFile, connectTo: connectTo)
            let result = try await crawl(spec, arguments: arguments, in: workloadDirectory, server: server)
            // A run cut short by Ctrl-C measured nothing: its folder stays,
            // but it is neither a result nor a failure.
            if Task.isCancelled { return }
            counter.finished()
            progress(.runFinished(workload: workload.name, result: result, index: index, total: counter.total))
            try record(result)
        }
    }

    /// One run: its own child process, its own folder, its own rusage.
    private func crawl(_ spec: RunSpec, arguments: [String], in workloadDirectory: String, server: LoggedProcess?) async throws -> RunResult {
        let runDirectory = "\(workloadDirectory)/\(spec.folderName)"
        let logPath = runDirectory + ".log"
        let serverCPUBefore = server?.cpuSecondsSoFar
        let child = try LoggedProcess.start(executablePath: executablePath, arguments: arguments + ["--out", runDirectory],
                                            logPath: logPath)
        let status = await withTaskCancellationHandler {
            await child.waitForExit()
        } onCancel: {
            child.kill(signal: SIGTERM)
        }
        let serverCPU = serverCPUBefore.flatMap { before in server?.cpuSecondsSoFar.map { $0 - before } }
        var report: RunReport?
        var problem: String?
        do {
            report = try RunReport.read(from: runDirectory + "/report.json")
        } catch {
            problem = "no usable report.json (trawl crawl \(status)): \(LogTail.of(logPath))"
        }
        if report != nil, !status.isSuccess { problem = "trawl crawl \(status): \(LogTail.of(logPath))" }
        if !keepExports {
            for file in ["pages.jsonl", "graph.graphml", "graph.dot"] {
                try? FileManager.default.removeItem(atPath: "\(runDirectory)/\(file)")
            }
        }
        return RunResult(run: spec, report: report, usage: child.resourceUsage, exitStatus: status,
                         serverCPUSeconds: serverCPU, reportProblem: problem)
    }

    private func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CompareError("cannot create output folder '\(path)': \((error as NSError).localizedDescription)")
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).milliseconds / 1000
    }
}

/// Which run of how many, and an ETA from the mean duration so far.
struct RunCounter {
    let total: Int
    let started: ContinuousClock.Instant
    private(set) var done = 0
    private var current = 0

    init(total: Int, started: ContinuousClock.Instant) {
        self.total = total
        self.started = started
    }

    mutating func next() -> Int {
        current += 1
        return current
    }

    mutating func finished() { done += 1 }

    var elapsed: Double { CompareRunner.seconds(since: started) }

    var eta: Double? {
        guard done > 0 else { return nil }
        return elapsed / Double(done) * Double(total - done)
    }
}
