import FuzzSupport
import TrawlCore

/// A libFuzzer target: each input is a robots.txt. It is parsed, the rules
/// for a few user agents are selected, and a path taken from the input's
/// last line is checked against them, along with each rule's own pattern.
///
/// Beyond "no crash, no memory error", a violated invariant traps, so the
/// fuzzer reports it like a crash.
@main
enum FuzzRobots {
    static func main() {
        LibFuzzer.run(fuzzRobots)
    }
}

/// One input, as libFuzzer calls it (also by this name, without `main`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRobots(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let robots = RobotsTxt(parsing: bytes)
    // The last line: in a file the fuzzer grows from real robots.txt files,
    // usually a rule's path, so the matcher sees paths that nearly match.
    let lastLine = bytes.lastIndex(where: { $0 == 0x0A || $0 == 0x0D }).map { bytes[($0 + 1)...] } ?? bytes[...]
    let path = String(decoding: lastLine.prefix(512), as: UTF8.self)
    for agent in ["FuzzBot/2.1", "*", ""] {
        let rules = robots.rules(for: agent)
        let allowed = rules.isAllowed(path: path)
        require(allowed == robots.isAllowed(path: path, userAgent: agent), "the one-off check disagrees", path)
        require(rules.isAllowed(path: "/robots.txt"), "/robots.txt disallowed", agent)
        if let delay = rules.crawlDelay { require(delay >= 0 && delay.isFinite, "a bad crawl-delay", "\(delay)") }
        if !allowed { require(rules.decidingRule(forPath: path)?.kind == .disallow, "disallowed by no rule", path) }
        for rule in rules.rules { checkOwnPathMatches(rule, in: rules) }
    }
    return 0
}

/// A literal rule (no `*`, not anchored, starting with "/") matches its own
/// pattern read as a path, so some rule at least as specific decides it.
private func checkOwnPathMatches(_ rule: RobotsRule, in rules: RobotsRules) {
    let pattern = rule.pattern
    guard pattern.hasPrefix("/"), !pattern.contains("*"), !pattern.hasSuffix("$") else { return }
    guard let deciding = rules.decidingRule(forPath: pattern) else {
        fatalError("a rule does not match its own path: \(rule)")
    }
    require(deciding.specificity >= rule.specificity, "a less specific rule decides", "\(rule) vs \(deciding)")
}

private func require(_ condition: Bool, _ what: String, _ value: @autoclosure () -> String) {
    if !condition { fatalError("\(what): \(value().debugDescription)") }
}
