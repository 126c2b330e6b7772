import Foundation
import TrawlCore

/// Everything one `trawl compare` measured: results.json.
public struct CompareResults: Sendable, Codable, Equatable {
    public struct WorkloadResults: Sendable, Codable, Equatable {
        public var workload: Workload
        public var runs: [RunResult]
        public var summaries: [ConfigurationSummary]
        public var fairness: FairnessCheck
        /// Edge-set hash of the generated web's ground truth, if any.
        public var truthSHA256: String?

        enum CodingKeys: String, CodingKey {
            case workload, runs, summaries, fairness
            case truthSHA256 = "truthSha256"
        }

        public init(workload: Workload, plan: ComparePlan, runs: [RunResult], truthSHA256: String?) {
            self.workload = workload
            self.runs = runs
            self.truthSHA256 = truthSHA256
            summaries = workload.concurrencies.flatMap { concurrency in
                plan.modes.map { ConfigurationSummary(configuration: Configuration(mode: $0, concurrency: concurrency), results: runs) }
            }
            fairness = FairnessCheck(results: runs, runsToCompletion: workload.runsToCompletion, truthSHA256: truthSHA256)
        }

        public func summary(of configuration: Configuration) -> ConfigurationSummary? {
            summaries.first { $0.configuration == configuration }
        }
    }

    public var trawlVersion: String
    /// ISO 8601, UTC.
    public var startedAt: String
    public var elapsedSeconds: Double
    /// The command line that reproduces this comparison.
    public var command: String
    public var machine: MachineInfo
    public var plan: ComparePlan
    public var workloads: [WorkloadResults]
    /// False when Ctrl-C stopped the comparison: the runs so far are kept.
    public var completed: Bool

    public var failedRuns: [RunResult] { workloads.flatMap { $0.runs.filter { !$0.succeeded } } }
    public var fairnessPassed: Bool { workloads.allSatisfy(\.fairness.passed) }

    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    public static func decode(jsonText: String) throws -> CompareResults {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(CompareResults.self, from: Data(jsonText.utf8))
    }
}
