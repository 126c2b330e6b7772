/// Whether one rule matches a canonical path, in time linear in the two:
/// the segments between the pattern's stars are placed greedily, each at
/// its leftmost occurrence after the previous one, with no backtracking.
///
/// Why greedy-leftmost is exact. Write the pattern S0 * S1 * … * Sk (each
/// Si literal, stars between). Without "$", a path P matches iff there are
/// positions q0 = 0 ≤ q1 ≤ … ≤ qk with Si occurring at qi and
/// qi ≥ q(i-1) + |S(i-1)| (what follows Sk is free). Let gi be the greedy
/// choice: g0 = 0 and gi the leftmost occurrence of Si at or after
/// e(i-1) = g(i-1) + |S(i-1)|. Claim: if any placement q exists, greedy
/// finds every gi and gi ≤ qi. For i = 0 both are 0. If g(i-1) ≤ q(i-1),
/// then e(i-1) ≤ q(i-1) + |S(i-1)| ≤ qi, so Si occurs at qi, at or after
/// e(i-1): a leftmost such occurrence exists and gi ≤ qi. Conversely
/// whatever greedy finds is itself a placement. So greedy succeeds iff the
/// path matches, and a later segment never needs an earlier one moved: an
/// earlier end only leaves more room. With "$", Sk must end exactly at
/// |P|: qk = |P| - |Sk| is forced, and the only condition linking it to
/// the rest is qk ≥ e(k-1). Greedy gives the smallest e(k-1) any
/// placement of S0…S(k-1) can have, so it meets that condition iff some
/// placement does. Hence: the suffix Sk is compared in place, and the
/// middle segments are searched only in what lies before it. Each search
/// may also stop where too little room is left for the segments after
/// it: no placement can start Si later than that.
///
/// Each search starts where the previous segment ended, so the path is
/// read at most once per rule (KMP's tables are built with the rules):
/// O(|pattern| + |path|) per rule.
enum RobotsPatternMatch {
    enum Outcome: Equatable {
        case match, noMatch, outOfBudget
    }

    /// The table's buffers, borrowed for one URL's walk over its entries.
    struct Tables {
        var literals: UnsafeBufferPointer<UInt8>
        var borders: UnsafeBufferPointer<UInt16>
        var middles: UnsafeBufferPointer<RobotsRuleTable.Middle>
    }

    /// Charged: one unit for looking at the rule, then each byte compared
    /// or scanned. Inlined into the walk over the rules: passing an entry
    /// to a call cost more than most rules take to reject.
    @inline(__always)
    static func match(_ entry: RobotsRuleTable.Entry, in tables: Tables, path: UnsafeBufferPointer<UInt8>,
                      meter: inout RobotsWorkMeter) -> Outcome {
        guard meter.spend(1) else { return .outOfBudget }
        // Exact filters first: a path shorter than the rule's literal bytes,
        // or one that does not start with its literal prefix, cannot match.
        guard path.count >= Int(entry.literalCount) else { return .noMatch }
        if entry.isLiteral && entry.anchored && path.count != Int(entry.prefix.count) { return .noMatch }
        var outcome = startsWith(path, entry.prefix, tables.literals, meter: &meter)
        guard outcome == .match, !entry.isLiteral else { return outcome }

        var searchEnd = path.count
        if entry.anchored {
            outcome = endsWith(path, entry.suffix, tables.literals, meter: &meter)
            guard outcome == .match else { return outcome }
            searchEnd -= Int(entry.suffix.count)
        }
        var start = Int(entry.prefix.count)
        // Literal bytes of the middle segments not yet placed: the current
        // one must end early enough to leave them room.
        var stillNeeded = Int(entry.literalCount) - start - Int(entry.suffix.count)
        var index = Int(entry.middleStart)
        while index < Int(entry.middleEnd) {
            let middle = tables.middles[index]
            let first = Int(middle.bytes.start), count = Int(middle.bytes.count), border = Int(middle.borderStart)
            stillNeeded -= count
            switch RobotsSegmentSearch.leftmost(
                UnsafeBufferPointer(rebasing: tables.literals[first..<(first + count)]),
                border: UnsafeBufferPointer(rebasing: tables.borders[border..<(border + count)]),
                in: path, from: start, to: searchEnd - stillNeeded, meter: &meter) {
            case .found(let at): start = at + count
            case .notFound: return .noMatch
            case .outOfBudget: return .outOfBudget
            }
            index += 1
        }
        return .match
    }

    /// `path` starts with `run`; charged up to the first difference.
    @inline(__always)
    private static func startsWith(_ path: UnsafeBufferPointer<UInt8>, _ run: RobotsRuleTable.Run,
                                   _ literals: UnsafeBufferPointer<UInt8>, meter: inout RobotsWorkMeter) -> Outcome {
        let start = Int(run.start), count = Int(run.count)
        let limit = min(count, meter.remaining)
        var k = 0
        while k < limit && path[k] == literals[start + k] { k += 1 }
        if k < limit {
            meter.charge(k + 1)
            return .noMatch
        }
        meter.charge(limit)
        return limit == count ? .match : .outOfBudget
    }

    /// `path` ends with `run`, compared from the end: what tells suffixes
    /// apart is usually there (`.php$`, `.pdf$`).
    @inline(__always)
    private static func endsWith(_ path: UnsafeBufferPointer<UInt8>, _ run: RobotsRuleTable.Run,
                                 _ literals: UnsafeBufferPointer<UInt8>, meter: inout RobotsWorkMeter) -> Outcome {
        let last = Int(run.start + run.count) - 1, count = Int(run.count)
        let limit = min(count, meter.remaining)
        var k = 0
        while k < limit && path[path.count - 1 - k] == literals[last - k] { k += 1 }
        if k < limit {
            meter.charge(k + 1)
            return .noMatch
        }
        meter.charge(limit)
        return limit == count ? .match : .outOfBudget
    }
}
