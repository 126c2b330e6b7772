/// A verdict and what it cost to reach: the work `RobotsRules.workBudget`
/// bounds, for tests and benchmarks to see how close a file comes to it.
public struct RobotsEvaluation: Sendable, Hashable {
    public let verdict: RobotsVerdict
    /// Path bytes compared or scanned, plus one per rule looked at (see
    /// `RobotsWorkMeter`).
    public let bytesExamined: Int

    public init(verdict: RobotsVerdict, bytesExamined: Int) {
        self.verdict = verdict
        self.bytesExamined = bytesExamined
    }
}
