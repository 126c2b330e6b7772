import SyntheticWeb
import TrawlCore

/// `swift run -c release RobotsBench` (or `scripts/bench-robots.sh`): what
/// one robots.txt check costs per URL, for each `RobotsTxtSpecimen`, with
/// the verdict and the work counted against `RobotsRules.workBudget`.
///
/// Prints min / median / max of REPEAT rounds (default 5), each timing
/// enough checks of the same URL to take ~50 ms. The check includes what
/// the crawl pays per URL: canonicalizing the path and walking the rules.
/// `--before` also times the backtracking matcher this replaced, once;
/// naming specimens (`tiny-anchored`) runs only those.
@main
struct RobotsBench {
    static func main() {
        let arguments = CommandLine.arguments.dropFirst()
        let before = arguments.contains("--before")
        let repeats = Int(arguments.first { Int($0) != nil } ?? "") ?? 5
        let named = RobotsTxtSpecimen.allCases.filter { arguments.contains($0.rawValue) }
        let specimens = named.isEmpty ? RobotsTxtSpecimen.allCases : named
        print("budget: \(RobotsRules.workBudget) bytes examined per URL; \(repeats) rounds per file")
        print(row("file", "rules", "path", "verdict", "examined", "µs/URL min / median / max", "ns/unit", before ? "before, µs/URL" : ""))
        for specimen in specimens {
            let rules = RobotsTxt(specimen.body).rules(for: "trawl/0.1")
            let path = specimen.path
            let evaluation = rules.evaluate(path: path)
            let micros = rounds(repeats) { rules.evaluate(path: path) }
            let median = micros[micros.count / 2]
            let perUnit = median * 1000 / Double(max(evaluation.bytesExamined, 1))
            let old = before ? format(BacktrackingMatcher.microseconds(rules: rules, path: path)) : ""
            print(row(specimen.rawValue, "\(rules.rules.count)", "\(path.utf8.count) B", "\(evaluation.verdict)",
                      "\(evaluation.bytesExamined)",
                      "\(format(micros[0])) / \(format(median)) / \(format(micros[micros.count - 1]))",
                      format(perUnit), old))
        }
    }

    /// Sorted µs per call of `body`, one figure per round.
    private static func rounds(_ count: Int, _ body: () -> RobotsEvaluation) -> [Double] {
        let clock = ContinuousClock()
        var calls = 1
        while clock.measure({ for _ in 0..<calls { blackHole(body()) } }) < .milliseconds(50) { calls *= 2 }
        return (0..<count).map { _ in
            clock.measure { for _ in 0..<calls { blackHole(body()) } }.microseconds / Double(calls)
        }.sorted()
    }

    @inline(never) private static func blackHole<T>(_ value: T) {}

    private static func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 100)) / 100)
    }

    private static func row(_ columns: String...) -> String {
        let widths = [16, 7, 8, 21, 10, 28, 9, 0]
        return zip(columns, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }
            .joined(separator: " ")
    }
}

extension Duration {
    var microseconds: Double {
        Double(components.seconds) * 1e6 + Double(components.attoseconds) / 1e12
    }
}
