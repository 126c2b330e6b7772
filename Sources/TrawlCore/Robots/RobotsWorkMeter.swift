/// Counts the work of checking one URL against one host's rules, in bytes
/// examined, and refuses work beyond a budget.
///
/// One unit is a path byte compared with a pattern's or scanned in a
/// search, or a rule looked at: skipping even a rule that cannot match
/// costs a few instructions. The matcher's loops take at most two steps
/// per unit they charge (KMP's fallbacks are amortized), so time stays
/// proportional to the count.
struct RobotsWorkMeter {
    let budget: Int
    private(set) var spent = 0

    init(budget: Int) {
        self.budget = budget
    }

    var remaining: Int { budget - spent }

    /// Charges `units` if the budget holds them; false, charging nothing,
    /// if it does not.
    mutating func spend(_ units: Int) -> Bool {
        guard units <= remaining else { return false }
        spent += units
        return true
    }

    /// Charges work already done within `reach`'s limit.
    mutating func charge(_ units: Int) {
        spent += units
    }

    /// How far from `start` a scan of one unit per byte may go toward `end`
    /// before the budget runs out (free of overflow for an unlimited one).
    func reach(from start: Int, to end: Int) -> Int {
        remaining < end - start ? start + remaining : end
    }
}
