import Testing
@testable import TrawlGraph

struct DegreeSummaryTests {
    /// Nearest rank over 20 degrees: p50 is the 10th smallest, p90 the 18th,
    /// p99 the 20th (⌈19.8⌉).
    @Test func percentilesAreNearestRank() {
        let degrees: [Int32] = [0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 8, 9, 12, 20, 33, 100]
        let summary = DegreeSummary(degrees: degrees.shuffled())
        #expect(summary.min == 0)
        #expect(summary.p50 == 3)
        #expect(summary.p90 == 20)
        #expect(summary.p99 == 100)
        #expect(summary.max == 100)
        #expect(summary.mean == 211.0 / 20)
    }

    @Test func histogramBucketsArePowersOfTwoUpToTheMax() {
        let summary = DegreeSummary(degrees: [0, 0, 1, 2, 3, 3, 9, 15, 16])
        #expect(summary.histogram == [
            DegreeBucket(lowest: 0, highest: 0, nodes: 2),
            DegreeBucket(lowest: 1, highest: 1, nodes: 1),
            DegreeBucket(lowest: 2, highest: 3, nodes: 3),
            DegreeBucket(lowest: 4, highest: 7, nodes: 0),
            DegreeBucket(lowest: 8, highest: 15, nodes: 2),
            DegreeBucket(lowest: 16, highest: 31, nodes: 1),
        ])
        #expect(summary.histogram.map(\.label) == ["0", "1", "2-3", "4-7", "8-15", "16-31"])
    }

    @Test func singleNodeIsEveryPercentile() {
        let summary = DegreeSummary(degrees: [7])
        #expect([summary.min, summary.p50, summary.p90, summary.p99, summary.max] == [7, 7, 7, 7, 7])
        #expect(summary.histogram.last == DegreeBucket(lowest: 4, highest: 7, nodes: 1))
    }

    @Test func emptyGraphIsAllZeros() {
        let summary = DegreeSummary(degrees: [])
        #expect([summary.min, summary.p50, summary.p90, summary.p99, summary.max] == [0, 0, 0, 0, 0])
        #expect(summary.mean == 0)
        #expect(summary.histogram.isEmpty)
    }

    /// The fixture: every page has a referrer (in-degrees ten 1s, five 2s,
    /// a 3, a 4); out-degrees five 0s (the dangling pages), three 1s,
    /// five 2s, two 3s, two 4s.
    @Test func fixtureDegrees() {
        let graph = FixtureCrawl.graph()
        let inDegree = DegreeSummary(degrees: graph.inDegrees())
        #expect([inDegree.min, inDegree.p50, inDegree.p90, inDegree.p99, inDegree.max] == [1, 1, 3, 4, 4])
        #expect(inDegree.mean == 27.0 / 17)
        let outDegree = DegreeSummary(degrees: graph.outDegrees())
        #expect([outDegree.min, outDegree.p50, outDegree.p90, outDegree.p99, outDegree.max] == [0, 2, 4, 4, 4])
        #expect(outDegree.histogram.map(\.nodes) == [5, 3, 7, 2])
    }
}
