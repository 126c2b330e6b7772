import SyntheticWeb
import Testing
import TrawlCore

/// robots.txt files at the 500 KiB limit built to be slow to match, and a
/// large realistic one: exact verdicts and the work they cost, never time.
struct RobotsTxtSpecimenTests {
    private func rules(_ specimen: RobotsTxtSpecimen) -> RobotsRules {
        RobotsTxt(specimen.body).rules(for: "trawl/0.1")
    }

    private static let hostile = RobotsTxtSpecimen.allCases.filter { $0 != .realistic }

    @Test(arguments: hostile)
    func hostileFilesFillTheParsingLimitAndMatchNothing(specimen: RobotsTxtSpecimen) {
        #expect(specimen.body.utf8.count > RobotsTxtSpecimen.byteLimit - 20_000)
        #expect(specimen.body.utf8.count <= RobotsTxtSpecimen.byteLimit)
        #expect(specimen.path.utf8.count == RobotsTxtSpecimen.hostilePathLength)
        // Every rule needs a byte the path lacks, so none matches it
        // ("c" for the anchored ones, whose path is "/aaaa…ab").
        let pathBytes = Set(specimen.path.utf8)
        for rule in rules(specimen).rules {
            #expect(!Set(rule.pattern.utf8).subtracting(Array("*$".utf8)).isSubset(of: pathBytes), "\(rule)")
        }
    }

    /// Allowed when the budget sufficed to try every rule, else the budget
    /// outcome: never a wrong "allowed".
    @Test(arguments: [
        (RobotsTxtSpecimen.longWildcards, 63, RobotsVerdict.tooCostlyToEvaluate, RobotsRules.workBudget),
        (.tinyWildcards, 30_116, .tooCostlyToEvaluate, RobotsRules.workBudget),
        (.longAnchored, 63, .tooCostlyToEvaluate, RobotsRules.workBudget),
        // Rule, its prefix "/", the suffix's last byte: 3 units each.
        (.tinyAnchored, 28_443, .allowed, 28_443 * 3),
        // Rule, then its first byte, which is not the path's "/": 2 units each.
        (.tinyLiterals, 51_198, .allowed, 51_198 * 2),
    ])
    func hostileFilesAreDecidedWithinTheBudget(specimen: RobotsTxtSpecimen, ruleCount: Int, verdict: RobotsVerdict,
                                               work: Int) {
        let rules = rules(specimen)
        #expect(rules.rules.count == ruleCount)
        #expect(rules.evaluate(path: specimen.path) == RobotsEvaluation(verdict: verdict, bytesExamined: work))
    }

    /// Where a rule does match, the first that can decides at the cost of
    /// one scan of the path.
    @Test func aMatchingHostileRuleDecidesInOneScan() {
        // The most specific rule, "/*" + 8,062 a's + "b", ends where the path does.
        let wildcards = rules(.longWildcards)
        let endsInB = "/" + String(repeating: "a", count: 8_190) + "b"
        #expect(wildcards.evaluate(path: endsInB) == RobotsEvaluation(verdict: .disallowed, bytesExamined: 1 + 1 + 8_191))
        // The most specific anchored rule, "/*c" + 8,062 a's + "b$", is the path's end.
        let anchored = rules(.longAnchored)
        let withC = "/c" + String(repeating: "a", count: 8_062) + "b"
        #expect(anchored.evaluate(path: withC) == RobotsEvaluation(verdict: .disallowed, bytesExamined: 1 + 1 + 8_064))
        // The same rules with the path's last byte changed: 3 units each.
        #expect(anchored.evaluate(path: "/" + String(repeating: "a", count: 8_191))
            == RobotsEvaluation(verdict: .allowed, bytesExamined: 63 * 3))
    }

    /// The budget's promise: a real file of 1,000 rules never reaches it
    /// on a 2 KiB URL. The realistic file tries every rule (none matches)
    /// and uses about a third of it.
    @Test func aLargeRealisticFileStaysFarBelowTheBudget() {
        let specimen = RobotsTxtSpecimen.realistic
        let rules = rules(specimen)
        #expect(rules.rules.count == 1_000)
        #expect(specimen.path.utf8.count == RobotsTxtSpecimen.realisticPathLength)
        #expect(rules.decidingRule(forPath: specimen.path) == nil)
        let evaluation = rules.evaluate(path: specimen.path)
        #expect(evaluation.verdict == .allowed)
        #expect(evaluation.bytesExamined < RobotsRules.workBudget / 3)
        // And its rules still decide the paths they were written for.
        for (path, allowed) in [("/wiki/Special:Search/x", false), ("/wiki/Special%3ASearch/x", false),
                                ("/collections/shirts?sort_by=price", false), ("/blogs/news/tagged/a+b", false),
                                ("/files/report.pdf", false), ("/w/load.php?modules=x", true), ("/wiki/Baltic_Sea", true),
                                ("/static/site.css", true), ("/static/site.css?v=2", true)] {
            #expect(rules.isAllowed(path: path) == allowed, "\(path)")
        }
    }
}
