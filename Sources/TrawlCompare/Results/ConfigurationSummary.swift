/// One mode at one concurrency over its repeats: min, median and max of
/// every figure, from the runs that succeeded.
public struct ConfigurationSummary: Sendable, Codable, Equatable {
    public var configuration: Configuration
    public var runs: Int
    public var failedRuns: Int
    public var pagesPerSecond: Spread?
    public var megabytesPerSecond: Spread?
    public var latencyP50Ms: Spread?
    public var latencyP90Ms: Spread?
    public var latencyP99Ms: Spread?
    public var latencyMaxMs: Spread?
    public var cpuUserSeconds: Spread?
    public var cpuSystemSeconds: Spread?
    public var cpuSecondsPer1000Pages: Spread?
    public var peakRSSBytes: Spread?
    public var peakThreads: Spread?
    public var voluntaryContextSwitches: Spread?
    public var involuntaryContextSwitches: Spread?
    public var errors: Spread?
    public var transportErrors: Spread?
    public var httpErrors: Spread?
    public var serverCPUSeconds: Spread?

    enum CodingKeys: String, CodingKey {
        case configuration, runs, failedRuns, pagesPerSecond, megabytesPerSecond
        case latencyP50Ms, latencyP90Ms, latencyP99Ms, latencyMaxMs
        case cpuUserSeconds, cpuSystemSeconds, cpuSecondsPer1000Pages, peakThreads
        case voluntaryContextSwitches, involuntaryContextSwitches, errors, transportErrors, httpErrors
        case serverCPUSeconds = "serverCpuSeconds"
        case peakRSSBytes = "peakRssBytes"
    }

    public init(configuration: Configuration, results: [RunResult]) {
        self.configuration = configuration
        let mine = results.filter { $0.run.configuration == configuration }
        let good = mine.filter(\.succeeded)
        runs = mine.count
        failedRuns = mine.count - good.count
        func spread(_ value: (RunResult) -> Double) -> Spread? { Spread(good.map(value)) }
        pagesPerSecond = spread(\.pagesPerSecond)
        megabytesPerSecond = spread(\.megabytesPerSecond)
        latencyP50Ms = spread(\.latencyMs.p50)
        latencyP90Ms = spread(\.latencyMs.p90)
        latencyP99Ms = spread(\.latencyMs.p99)
        latencyMaxMs = spread(\.latencyMs.max)
        cpuUserSeconds = spread(\.cpuUserSeconds)
        cpuSystemSeconds = spread(\.cpuSystemSeconds)
        cpuSecondsPer1000Pages = spread(\.cpuSecondsPer1000Pages)
        peakRSSBytes = spread { Double($0.peakRSSBytes) }
        peakThreads = spread { Double($0.peakThreads) }
        voluntaryContextSwitches = spread { Double($0.voluntaryContextSwitches) }
        involuntaryContextSwitches = spread { Double($0.involuntaryContextSwitches) }
        errors = spread { Double($0.errors) }
        transportErrors = spread { Double($0.transportErrors) }
        httpErrors = spread { Double($0.httpErrors) }
        serverCPUSeconds = Spread(good.compactMap(\.serverCPUSeconds))
    }
}
