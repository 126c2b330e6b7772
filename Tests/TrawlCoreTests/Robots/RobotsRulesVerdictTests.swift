import Testing
import TrawlCore
import TrawlURL

/// Verdicts within the work budget: the three outcomes, the exact filters
/// that keep real files far from the budget, and the safe side past it.
struct RobotsRulesVerdictTests {
    private func rules(_ lines: String) -> RobotsRules {
        RobotsTxt("user-agent: *\n" + lines).rules(for: "FooBot")
    }

    /// `count` distinct rules `/*aXY`, none of which matches a path of
    /// `/` and `a` only, each costing a scan of the whole path.
    private func costlyLines(_ count: Int) -> String {
        let letters = Array("bcdefghijklmnopqrstuvwxyz")
        return (0..<count).map { "disallow: /*a\(letters[$0 % 25])\(letters[$0 / 25 % 25])\n" }.joined()
    }

    private let longPath = "/" + String(repeating: "a", count: 8_191)

    @Test func aCheckWithinTheBudgetIsAllowedOrDisallowed() {
        let shop = rules("disallow: /cart\nallow: /cart/help\n")
        #expect(shop.verdict(path: "/cart/checkout") == .disallowed)
        #expect(shop.verdict(path: "/cart/help/faq") == .allowed)
        #expect(shop.verdict(WebURL("https://x.test/cart?step=2")!) == .disallowed)
        // "/cart/help" is longer than the path; "/cart" differs at its 2nd byte.
        #expect(shop.evaluate(path: "/about").bytesExamined == 1 + 1 + 2)
    }

    @Test func pastTheBudgetAPathIsNeitherAllowedNorDisallowed() {
        let costly = rules(costlyLines(600))
        #expect(costly.rules.count == 600)
        let evaluation = costly.evaluate(path: longPath)
        #expect(evaluation == RobotsEvaluation(verdict: .tooCostlyToEvaluate, bytesExamined: RobotsRules.workBudget))
        #expect(!evaluation.verdict.isAllowed)
        #expect(!costly.isAllowed(path: longPath))
        #expect(costly.verdict(WebURL("https://x.test" + longPath)!) == .tooCostlyToEvaluate)
        // The same rules decide a short path exactly: no rule matches it.
        #expect(costly.verdict(path: "/aaaa") == .allowed)
        #expect(costly.decidingRule(forPath: longPath) == nil)
    }

    @Test func robotsTxtItselfIsAllowedWithoutAnyWork() {
        let costly = rules(costlyLines(600) + "disallow: /\n")
        #expect(costly.evaluate(path: "/robots.txt") == RobotsEvaluation(verdict: .allowed, bytesExamined: 0))
    }

    /// The first rule to match decides; the costly rules behind it are
    /// never looked at.
    @Test func aMoreSpecificMatchDecidesBeforeTheCostlyRules() {
        let allowFirst = rules(costlyLines(600) + "allow: /aaaaaaa\n")
        #expect(allowFirst.evaluate(path: longPath) == RobotsEvaluation(verdict: .allowed, bytesExamined: 1 + 8))
        // The anchored rule is looked at (the length rules it out), then the next decides.
        let disallowFirst = rules(costlyLines(600) + "disallow: /aaaaaaa$\n" + "disallow: /aaaaaa\n")
        #expect(disallowFirst.evaluate(path: longPath) == RobotsEvaluation(verdict: .disallowed, bytesExamined: 1 + 1 + 7))
    }

    /// Once no disallow rule is left, whatever allow rule would match, the
    /// path is allowed: the rest are skipped.
    @Test func afterTheLastDisallowRuleThePathIsAllowed() {
        let allows = (0..<600).map { "allow: /*a\(Character(UnicodeScalar(UInt8(98 + $0 % 25))))\($0)\n" }.joined()
        let mostlyAllows = rules(allows + "disallow: /zzzzzzzzzzzz\n")
        #expect(mostlyAllows.evaluate(path: longPath) == RobotsEvaluation(verdict: .allowed, bytesExamined: 1 + 2))
        // The explanation still looks further, without a budget.
        #expect(mostlyAllows.decidingRule(forPath: "/ab0") == RobotsRule(.allow, pattern: "/*ab0"))
    }

    @Test func rulesThatCannotMatchCostOneUnitEach() {
        // Longer than the path, or anchored to another length.
        let tooLong = rules((0..<500).map { "disallow: /\(String(repeating: "a", count: 20 + $0))\n" }.joined())
        #expect(tooLong.evaluate(path: "/aaaa") == RobotsEvaluation(verdict: .allowed, bytesExamined: 500))
        let anchored = rules((0..<500).map { "disallow: /a\($0)$\n" }.joined())
        #expect(anchored.evaluate(path: "/a1000") == RobotsEvaluation(verdict: .allowed, bytesExamined: 500))
    }

    @Test func repeatedRulesAreMatchedOnce() {
        let repeated = rules(String(repeating: "disallow: /*ab\n", count: 30_000) + "allow: /*ab\n")
        #expect(repeated.rules == [RobotsRule(.allow, pattern: "/*ab")!, RobotsRule(.disallow, pattern: "/*ab")!])
        #expect(repeated.verdict(path: longPath) == .allowed)
        let merged = RobotsRules(rules: Array(repeating: RobotsRule(.disallow, pattern: "/x")!, count: 3))
        #expect(merged.rules.count == 1)
    }
}
