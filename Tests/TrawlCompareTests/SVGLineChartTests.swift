import Testing
@testable import TrawlCompare

struct SVGLineChartTests {
    static func chart() -> String {
        SVGLineChart(
            title: "T <&>", subtitle: "s", xLabel: "x", yLabel: "y",
            series: [
                .init(name: "async", color: "#000", points: [.init(x: 16, median: 100, min: 90, max: 110), .init(x: 256, median: 3_000, min: 3_000, max: 3_000)]),
                .init(name: "threads", color: "#111", points: [.init(x: 16, median: 80, min: 80, max: 80)]),
            ]).render()
    }

    @Test func everySeriesIsOneGroupWithItsLineAndPoints() {
        let svg = Self.chart()
        #expect(svg.components(separatedBy: "<g class=\"series\"").count == 3)
        #expect(svg.contains("data-series=\"async\""))
        #expect(svg.components(separatedBy: "<circle").count == 4)
        #expect(svg.components(separatedBy: "<polyline").count == 3)
    }

    @Test func textIsEscaped() {
        #expect(Self.chart().contains("<title>T &lt;&amp;&gt;</title>"))
    }

    @Test func aRangeBarIsDrawnOnlyWhereRepeatsDiffered() {
        // One bar: async at 16 (90–110); the other points have no spread.
        #expect(Self.chart().components(separatedBy: "opacity=\"0.5\"").count == 2)
    }

    @Test func axesEndOnNiceNumbers() {
        #expect(NiceScale.ceiling(3_000) == 5_000)
        #expect(NiceScale.ceiling(101) == 200)
        #expect(NiceScale.ticks(upTo: 5_000) == [0, 1_000, 2_000, 3_000, 4_000, 5_000])
        #expect(NiceScale.label(1_024) == "1,024")
    }
}
