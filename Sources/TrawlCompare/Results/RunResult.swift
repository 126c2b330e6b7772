import TrawlCore

/// What one run measured. CPU and context switches come from `wait4` on the
/// run's own child process (its workers included, as it reaps them), so no
/// run is charged for another; peak RSS and threads from the run's own
/// report (VmHWM, and /proc samples of the whole process tree).
public struct RunResult: Sendable, Codable, Equatable {
    public var run: RunSpec
    /// "exited 0", "killed by signal 9 (SIGKILL)".
    public var exitStatus: String
    /// Why the run does not count: the crawl failed, stopped early, or its
    /// report was unreadable; nil for a good run.
    public var failure: String?
    public var pages: Int
    public var bytes: Int
    public var elapsedSeconds: Double
    public var pagesPerSecond: Double
    /// Body bytes per second, in 10^6 bytes.
    public var megabytesPerSecond: Double
    public var latencyMs: LatencySummary
    public var cpuUserSeconds: Double
    public var cpuSystemSeconds: Double
    public var cpuSecondsPer1000Pages: Double
    public var peakRSSBytes: Int
    public var peakThreads: Int
    public var processes: Int
    public var voluntaryContextSwitches: Int
    public var involuntaryContextSwitches: Int
    /// Failed fetches of any class.
    public var errors: Int
    /// Of `errors`: the network's (dns, connect, timeout, tls, reset, …),
    /// and HTTP error statuses, which a generated web serves by design.
    public var transportErrors: Int
    public var httpErrors: Int
    public var edges: Int
    public var edgeSetSHA256: String
    /// CPU the generated web's server spent during the run (it shares the
    /// machine's cores with the crawl); nil when crawling real seeds.
    public var serverCPUSeconds: Double?

    public var succeeded: Bool { failure == nil }

    // Acronyms spelled so snake-case JSON decodes back (see RunReport).
    enum CodingKeys: String, CodingKey {
        case run, exitStatus, failure, pages, bytes, elapsedSeconds, pagesPerSecond, megabytesPerSecond, latencyMs
        case cpuUserSeconds, cpuSystemSeconds, cpuSecondsPer1000Pages, peakThreads, processes
        case voluntaryContextSwitches, involuntaryContextSwitches, errors, transportErrors, httpErrors, edges
        case serverCPUSeconds = "serverCpuSeconds"
        case peakRSSBytes = "peakRssBytes"
        case edgeSetSHA256 = "edgeSetSha256"
    }
}

extension RunResult {
    /// Combines the run's report.json (nil if it has none) with what
    /// `wait4` said about its process.
    init(run: RunSpec, report: RunReport?, usage: ResourceUsage?, exitStatus: ExitStatus, serverCPUSeconds: Double?,
         reportProblem: String?) {
        self.run = run
        self.exitStatus = exitStatus.description
        let pages = report?.pages ?? 0
        self.pages = pages
        bytes = report?.bytes ?? 0
        elapsedSeconds = report?.elapsedSeconds ?? 0
        pagesPerSecond = report?.pagesPerSecond ?? 0
        megabytesPerSecond = elapsedSeconds > 0 ? Double(bytes) / elapsedSeconds / 1e6 : 0
        latencyMs = report?.latencyMs ?? LatencySummary(milliseconds: [])
        cpuUserSeconds = usage?.userSeconds ?? report?.resources.cpuUserSeconds ?? 0
        cpuSystemSeconds = usage?.systemSeconds ?? report?.resources.cpuSystemSeconds ?? 0
        cpuSecondsPer1000Pages = pages > 0 ? (cpuUserSeconds + cpuSystemSeconds) / Double(pages) * 1000 : 0
        // Not wait4's ru_maxrss: for a child started with posix_spawn it
        // includes the parent's memory at the spawn (see ResourceUsage).
        peakRSSBytes = report?.resources.peakRSSBytes ?? 0
        peakThreads = report?.resources.peakThreads ?? 0
        processes = report?.resources.processes ?? 1
        voluntaryContextSwitches = usage?.voluntaryContextSwitches ?? report?.resources.voluntaryContextSwitches ?? 0
        involuntaryContextSwitches = usage?.involuntaryContextSwitches ?? report?.resources.involuntaryContextSwitches ?? 0
        errors = report?.errors.values.reduce(0, +) ?? 0
        let kinds = report.map { RunReport.errorKinds(of: $0.errors) } ?? [:]
        transportErrors = kinds[ErrorClass.Kind.transport.rawValue] ?? 0
        httpErrors = kinds[ErrorClass.Kind.http.rawValue] ?? 0
        edges = report?.edgeSet.edges ?? 0
        edgeSetSHA256 = report?.edgeSet.sha256 ?? ""
        self.serverCPUSeconds = serverCPUSeconds
        if let reportProblem {
            failure = reportProblem
        } else if !exitStatus.isSuccess {
            failure = "trawl crawl \(exitStatus)"
        } else if let report, !report.completed {
            failure = "the crawl stopped early (\(report.stopReason ?? "interrupted"))"
        } else {
            failure = nil
        }
    }
}
