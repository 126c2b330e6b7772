/// The distribution of in- or out-degrees over a graph's nodes:
/// nearest-rank percentiles, the mean, and a power-of-two histogram.
public struct DegreeSummary: Sendable, Equatable {
    public let min: Int
    /// Nearest rank: the smallest degree that at least p % of nodes do not
    /// exceed, i.e. the ⌈p·n/100⌉-th smallest. Always a degree some node has.
    public let p50: Int
    public let p90: Int
    public let p99: Int
    public let max: Int
    public let mean: Double
    /// From bucket 0 through the one holding `max`, empty buckets included,
    /// so the bars line up with their ranges.
    public let histogram: [DegreeBucket]

    /// An empty graph summarizes as all zeros and no buckets.
    public init(degrees: [Int32]) {
        guard !degrees.isEmpty else {
            (min, p50, p90, p99, max, mean, histogram) = (0, 0, 0, 0, 0, 0, [])
            return
        }
        // Degrees are bounded by the node count, so counting them is a
        // linear pass where sorting a million-node array would not be.
        let largest = Int(degrees.max()!)
        var nodesWithDegree = [Int](repeating: 0, count: largest + 1)
        var total = 0
        for degree in degrees {
            nodesWithDegree[Int(degree)] += 1
            total += Int(degree)
        }
        func percentile(_ p: Int) -> Int {
            let rank = Swift.max(1, (p * degrees.count + 99) / 100)
            var seen = 0
            for (degree, count) in nodesWithDegree.enumerated() {
                seen += count
                if seen >= rank { return degree }
            }
            return largest
        }
        min = nodesWithDegree.firstIndex { $0 > 0 }!
        p50 = percentile(50)
        p90 = percentile(90)
        p99 = percentile(99)
        max = largest
        mean = Double(total) / Double(degrees.count)
        histogram = (0...DegreeBucket.index(of: largest)).map { index in
            let range = DegreeBucket.range(index)
            let nodes = nodesWithDegree[range.clamped(to: 0...largest)].reduce(0, +)
            return DegreeBucket(lowest: range.lowerBound, highest: range.upperBound, nodes: nodes)
        }
    }
}
