extension Duration {
    /// Whole milliseconds, rounded down; for hiredis's timeouts and for
    /// messages ("retrying in 400 ms").
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
