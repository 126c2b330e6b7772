import Testing
@testable import TrawlCore

struct LatencySummaryTests {
    /// HdrHistogram reports a percentile as the highest value of its bucket:
    /// never below the true value, at most 0.1 % above it (three digits).
    @Test func percentilesComeFromTheHistogramToThreeDigits() {
        let summary = LatencySummary(milliseconds: (1...100).map(Double.init))
        #expect(summary.count == 100)
        for (reported, truth) in [(summary.p50, 50.0), (summary.p90, 90), (summary.p99, 99)] {
            #expect(reported >= truth && reported <= truth * 1.001, "\(reported) for \(truth)")
        }
        #expect(summary.max == 100)
    }

    @Test func subMillisecondLatenciesKeepMicrosecondResolution() {
        let summary = LatencySummary(milliseconds: [0.25, 0.25, 0.25])
        #expect(summary.p50 == 0.25 && summary.max == 0.25)
    }

    @Test func noPagesGiveZeros() {
        let summary = LatencySummary(milliseconds: [])
        #expect([summary.count].map(Double.init) + [summary.p50, summary.p90, summary.p99, summary.max] == [0, 0, 0, 0, 0])
    }
}

struct ResourceUsageTests {
    /// VmHWM's line is "VmHWM:\t   45000 kB": tab and spaces before the number.
    @Test func statusLinesAreReadWhateverTheirPadding() {
        let status = "Name:\ttrawl\nVmHWM:\t   45000 kB\nVmRSS:\t    3012 kB\nThreads:\t5\n"
        #expect(ResourceUsage.statusNumber("VmHWM:", in: status) == 45_000)
        #expect(ResourceUsage.statusNumber("VmRSS:", in: status) == 3_012)
        #expect(ResourceUsage.statusNumber("Threads:", in: status) == 5)
        #expect(ResourceUsage.statusNumber("VmSwap:", in: status) == nil)
    }

    @Test func ownPeakAndCurrentMemoryAreReadFromProc() {
        let current = ResourceUsage.currentRSSBytes()
        let peak = ResourceUsage.sample().peakRSSBytes  // read after: a peak can only have grown
        #expect(current > 1 << 20)
        #expect(peak >= current)
        #expect(ResourceUsage.currentThreadCount() >= 1)
    }
}
