/// One bar of a degree histogram: the nodes whose degree is in
/// `lowest...highest`. Buckets are 0, 1, 2-3, 4-7, 8-15, ...: powers of two,
/// because link degrees are heavy-tailed and equal-width bars would put
/// nearly every node in the first.
public struct DegreeBucket: Sendable, Equatable {
    public let lowest: Int
    public let highest: Int
    public let nodes: Int

    public init(lowest: Int, highest: Int, nodes: Int) {
        self.lowest = lowest
        self.highest = highest
        self.nodes = nodes
    }

    /// "0", "1", "2-3", "4-7", ...
    public var label: String { lowest == highest ? "\(lowest)" : "\(lowest)-\(highest)" }

    /// Which bucket a degree falls in: 0 for 0, k for 2^(k-1) ... 2^k - 1.
    static func index(of degree: Int) -> Int {
        degree == 0 ? 0 : Int.bitWidth - degree.leadingZeroBitCount
    }

    /// The degrees bucket `index` covers.
    static func range(_ index: Int) -> ClosedRange<Int> {
        index == 0 ? 0...0 : (1 << (index - 1))...((1 << index) - 1)
    }
}
