/// Finding one literal segment of a pattern in a path, in time linear in
/// the path, charged to a `RobotsWorkMeter`.
enum RobotsSegmentSearch {
    enum Outcome: Equatable {
        /// The lowest index at which the segment starts.
        case found(Int)
        case notFound
        case outOfBudget
    }

    /// The leftmost occurrence of `segment` (not empty) lying wholly inside
    /// `path[from..<to]`; `border` is its KMP failure function (see
    /// `RobotsRuleTable.borders(of:)`).
    ///
    /// A plain scan for the segment's first byte, which is all most real
    /// searches need (`?`, `.` or `=` is rare in a path), and from each
    /// candidate on, Knuth–Morris–Pratt: a path like `aaaa…a` against
    /// `aaab` is read once, not once per candidate. Charged one unit per
    /// path byte read.
    static func leftmost(_ segment: UnsafeBufferPointer<UInt8>, border: UnsafeBufferPointer<UInt16>,
                         in path: UnsafeBufferPointer<UInt8>, from: Int, to: Int,
                         meter: inout RobotsWorkMeter) -> Outcome {
        let length = segment.count
        guard to - from >= length else { return .notFound }
        let first = segment[0]
        let end = meter.reach(from: from, to: to)
        var i = from
        var matched = 0
        while i < end {
            if matched == 0 {
                // No partial match to extend: skip to the next candidate.
                while i < end && path[i] != first { i += 1 }
                guard i < end else { break }
            }
            let byte = path[i]
            while matched > 0 && segment[matched] != byte { matched = Int(border[matched - 1]) }
            if segment[matched] == byte { matched += 1 }
            i += 1
            if matched == length {
                meter.charge(i - from)
                return .found(i - length)
            }
        }
        meter.charge(i - from)
        return end == to ? .notFound : .outOfBudget
    }
}
