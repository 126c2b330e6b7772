/// Did every mode find the same graph? On a crawl run to completion every
/// strategy must yield the identical edge set; a run whose edge-set hash
/// differs means a strategy lost or invented links, and its speed is
/// worthless. The reference is the generated web's ground truth when there
/// is one, else the hash most good runs share.
public struct FairnessCheck: Sendable, Codable, Equatable {
    public struct Mismatch: Sendable, Codable, Equatable {
        public var run: String
        public var edges: Int
        public var edgeSetSHA256: String

        enum CodingKeys: String, CodingKey {
            case run, edges
            case edgeSetSHA256 = "edgeSetSha256"
        }
    }

    /// False when the workload is cut by --max-pages: no check was made.
    public var applies: Bool
    public var passed: Bool
    public var referenceSHA256: String?
    /// "ground truth" or "majority of runs".
    public var reference: String?
    public var mismatches: [Mismatch]

    enum CodingKeys: String, CodingKey {
        case applies, passed, reference, mismatches
        case referenceSHA256 = "referenceSha256"
    }

    public init(results: [RunResult], runsToCompletion: Bool, truthSHA256: String?) {
        let good = results.filter(\.succeeded)
        applies = runsToCompletion
        guard runsToCompletion, !good.isEmpty else {
            passed = true
            mismatches = []
            return
        }
        let reference: String
        if let truthSHA256 {
            reference = truthSHA256
            self.reference = "ground truth"
        } else {
            var votes: [String: Int] = [:]
            for result in good { votes[result.edgeSetSHA256, default: 0] += 1 }
            // Ties go to the hash seen first, so the verdict is reproducible.
            let best = votes.values.max() ?? 0
            reference = good.first { votes[$0.edgeSetSHA256] == best }?.edgeSetSHA256 ?? ""
            self.reference = "majority of runs"
        }
        referenceSHA256 = reference
        mismatches = good.filter { $0.edgeSetSHA256 != reference }
            .map { Mismatch(run: $0.run.label, edges: $0.edges, edgeSetSHA256: $0.edgeSetSHA256) }
        passed = mismatches.isEmpty
    }

    /// One line for the terminal and the report.
    public var verdict: String {
        guard applies else { return "not checked: --max-pages cuts the crawl, so modes may keep different pages" }
        guard let referenceSHA256 else { return "not checked: no run succeeded" }
        if passed {
            return "every run found the same edge set (\(reference ?? "reference") sha256 \(referenceSHA256.prefix(16))…)"
        }
        let runs = mismatches.map { "\($0.run) (\($0.edges) edges, sha256 \($0.edgeSetSHA256.prefix(16))…)" }
        return "edge sets differ from the \(reference ?? "reference") (sha256 \(referenceSHA256.prefix(16))…): "
            + runs.joined(separator: "; ")
    }
}
