extension RobotsRuleTable {
    /// RFC 9309's decision for a canonical path within `budget`: the first
    /// rule that matches decides (entries are most specific first, allow
    /// first at a tie); no match allows.
    ///
    /// Once every disallow rule has been tried, the path is allowed
    /// whichever allow rule would match, so the rest are skipped. When the
    /// budget runs out before that, the answer is not certain, and the
    /// verdict says so.
    func decide(_ path: UnsafeBufferPointer<UInt8>, budget: Int) -> RobotsEvaluation {
        var meter = RobotsWorkMeter(budget: budget)
        var index = 0
        let outcome = firstMatch(path, upTo: lastDisallow + 1, index: &index, meter: &meter)
        let verdict: RobotsVerdict = switch outcome {
        case .match: entries[index].isAllow ? .allowed : .disallowed
        case .noMatch: .allowed
        case .outOfBudget: .tooCostlyToEvaluate
        }
        return RobotsEvaluation(verdict: verdict, bytesExamined: meter.spent)
    }

    /// The index of the rule that decides a canonical path, nil when none
    /// matches. No budget: for explaining a decision, not for the crawl.
    func decidingIndex(_ path: UnsafeBufferPointer<UInt8>) -> Int? {
        var meter = RobotsWorkMeter(budget: .max)
        var index = 0
        return firstMatch(path, upTo: entries.count, index: &index, meter: &meter) == .match ? index : nil
    }

    /// Tries entries from `index` up to `end` and stops at the first that
    /// matches (left in `index`) or when the budget runs out.
    private func firstMatch(_ path: UnsafeBufferPointer<UInt8>, upTo end: Int, index: inout Int,
                            meter: inout RobotsWorkMeter) -> RobotsPatternMatch.Outcome {
        literals.withUnsafeBufferPointer { literals in
            borders.withUnsafeBufferPointer { borders in
                middles.withUnsafeBufferPointer { middles in
                    entries.withUnsafeBufferPointer { entries in
                        let tables = RobotsPatternMatch.Tables(literals: literals, borders: borders, middles: middles)
                        while index < end {
                            let outcome = RobotsPatternMatch.match(entries[index], in: tables, path: path, meter: &meter)
                            if outcome != .noMatch { return outcome }
                            index += 1
                        }
                        return .noMatch
                    }
                }
            }
        }
    }
}
