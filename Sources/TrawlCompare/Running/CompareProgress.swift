/// What the runner tells its caller while it works, for a progress display.
public enum CompareProgress: Sendable {
    /// `index` is 1-based over every run of every workload; `eta` is the
    /// seconds still to go, estimated from the runs so far.
    case runStarted(workload: String, run: RunSpec, index: Int, total: Int, elapsedSeconds: Double, etaSeconds: Double?)
    case runFinished(workload: String, result: RunResult, index: Int, total: Int)
    case serverStarting(workload: String, web: WebShape)
}
