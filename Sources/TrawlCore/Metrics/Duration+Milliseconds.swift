extension Duration {
    /// The duration in (fractional) milliseconds, for reports.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
