/// Lookup in the generated Unicode property tables (`IDNABidiGroup.runs`,
/// `IDNAJoiningType.runs`): each a sorted array of runs packed as
/// `first code point << 3 | value`, the first run starting at U+0000.
enum PackedUnicodeRuns {
    /// The value of the run that `scalar` falls in.
    static func value(of scalar: Unicode.Scalar, in runs: [UInt32]) -> UInt8 {
        // Binary search for the last run starting at or before the scalar;
        // `| 7` makes a run starting exactly there compare as not after it.
        let key = scalar.value << 3 | 7
        var low = 0, high = runs.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if runs[middle] <= key { low = middle } else { high = middle }
        }
        return UInt8(truncatingIfNeeded: runs[low] & 7)
    }
}
