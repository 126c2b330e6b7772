/// Minimum, median and maximum of one figure over a configuration's
/// repeats: the median is the headline, the range says how much to trust it.
public struct Spread: Sendable, Codable, Equatable {
    public var min: Double
    public var median: Double
    public var max: Double

    public init(min: Double, median: Double, max: Double) {
        self.min = min
        self.median = median
        self.max = max
    }

    /// nil for no values. An even count's median is the mean of the middle two.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
