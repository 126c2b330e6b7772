import Histogram

/// Percentiles of per-page fetch latency (milliseconds), read from an
/// HdrHistogram: constant memory however long the crawl, values exact to
/// three significant digits (1 µs resolution up to one hour).
public struct LatencySummary: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double

    public init(_ recorder: LatencyRecorder) {
        let histogram = recorder.histogram
        let total = Int(histogram.totalCount)
        count = total
        func milliseconds(_ micros: UInt64) -> Double { total == 0 ? 0 : Double(micros) / 1000 }
        p50 = milliseconds(histogram.valueAtPercentile(50))
        p90 = milliseconds(histogram.valueAtPercentile(90))
        p99 = milliseconds(histogram.valueAtPercentile(99))
        max = milliseconds(histogram.maxRecorded)
    }

    public init(milliseconds samples: [Double]) {
        var recorder = LatencyRecorder()
        for sample in samples { recorder.record(milliseconds: sample) }
        self.init(recorder)
    }
}

/// Records fetch latencies into an HdrHistogram (microseconds, three
/// significant digits): ~40 KB whether the crawl has a hundred pages or
/// ten million.
public struct LatencyRecorder: Sendable {
    static let highestMicroseconds: UInt64 = 3_600_000_000
    private(set) var histogram = Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: highestMicroseconds, numberOfSignificantValueDigits: .three)

    public init() {}

    public var count: Int { Int(histogram.totalCount) }

    /// Values beyond an hour are clamped to an hour rather than dropped, so
    /// the count stays the number of pages.
    public mutating func record(milliseconds: Double) {
        let micros = UInt64(Swift.max(0, Swift.min(milliseconds * 1000, Double(Self.highestMicroseconds))).rounded())
        _ = histogram.record(Swift.max(1, micros))
    }
}
