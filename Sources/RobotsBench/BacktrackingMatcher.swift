import TrawlCore

/// The matcher trawl used before issue 19: one backtrack point, so
/// O(pattern × path) per rule and every rule tried. Here only to print the
/// "before" figure; it reads rules through the public API, which fits the
/// specimens (their paths are already canonical).
enum BacktrackingMatcher {
    /// µs for one check of `path`, timed once (hostile files take seconds).
    static func microseconds(rules: RobotsRules, path: String) -> Double {
        let patterns = rules.rules.map { rule -> ([UInt8], Bool) in
            var bytes = Array(rule.pattern.utf8)
            let anchored = bytes.last == UInt8(ascii: "$")
            if anchored { bytes.removeLast() }
            return (bytes, anchored)
        }
        let path = Array(path.utf8)
        return ContinuousClock().measure {
            for (pattern, anchored) in patterns where match(pattern, anchored: anchored, path) { break }
        }.microseconds
    }

    private static func match(_ pattern: [UInt8], anchored: Bool, _ path: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        var p = 0, s = 0
        var starAt = -1, starTook = 0
        while true {
            if p < pattern.count {
                if pattern[p] == star {
                    starAt = p
                    starTook = s
                    p += 1
                    continue
                }
                if s < path.count && path[s] == pattern[p] {
                    p += 1
                    s += 1
                    continue
                }
            } else if !anchored || s == path.count {
                return true
            }
            guard starAt >= 0, starTook < path.count else { return false }
            starTook += 1
            p = starAt + 1
            s = starTook
        }
    }
}
