import Foundation

/// A line chart as a standalone SVG document: one series per mode, x on a
/// log-2 scale (concurrency grows by factors), y linear from zero, and a
/// vertical bar per point for the min–max range of the repeats. Plain SVG
/// 1.1 with no script or external reference, so any browser renders it and
/// any XML parser reads it.
struct SVGLineChart {
    struct Point {
        var x: Double
        var median: Double
        var min: Double
        var max: Double
    }

    struct Series {
        var name: String
        var color: String
        var points: [Point]
    }

    var title: String
    var subtitle: String
    var xLabel: String
    var yLabel: String
    var series: [Series]

    private let width = 880.0
    private let height = 460.0
    private let plot = (left: 80.0, right: 600.0, top: 70.0, bottom: 390.0)

    func render() -> String {
        let xs = Set(series.flatMap { $0.points.map(\.x) }).sorted()
        let yMax = NiceScale.ceiling(series.flatMap { $0.points.map(\.max) }.max() ?? 1)
        let xRange = (log2(xs.first ?? 1), log2(xs.last ?? 1))
        func px(_ x: Double) -> Double {
            guard xRange.1 > xRange.0 else { return (plot.left + plot.right) / 2 }
            return plot.left + (log2(x) - xRange.0) / (xRange.1 - xRange.0) * (plot.right - plot.left)
        }
        func py(_ y: Double) -> Double { plot.bottom - y / yMax * (plot.bottom - plot.top) }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
            <title>\(escape(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(plot.left)" y="28" font-size="16" font-weight="bold">\(escape(title))</text>
            <text x="\(plot.left)" y="48" fill="#555">\(escape(subtitle))</text>

            """
        // Grid and axes.
        for tick in NiceScale.ticks(upTo: yMax) {
            let y = f(py(tick))
            svg += "<line x1=\"\(f(plot.left))\" y1=\"\(y)\" x2=\"\(f(plot.right))\" y2=\"\(y)\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(plot.left - 8))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(NiceScale.label(tick))</text>\n"
        }
        for x in xs {
            let xp = f(px(x))
            svg += "<line x1=\"\(xp)\" y1=\"\(f(plot.bottom))\" x2=\"\(xp)\" y2=\"\(f(plot.bottom + 5))\" stroke=\"#333\"/>\n"
            svg += "<text x=\"\(xp)\" y=\"\(f(plot.bottom + 20))\" text-anchor=\"middle\">\(NiceScale.label(x))</text>\n"
        }
        svg += "<line x1=\"\(f(plot.left))\" y1=\"\(f(plot.bottom))\" x2=\"\(f(plot.right))\" y2=\"\(f(plot.bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(f(plot.left))\" y1=\"\(f(plot.top))\" x2=\"\(f(plot.left))\" y2=\"\(f(plot.bottom))\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f((plot.left + plot.right) / 2))\" y=\"\(f(plot.bottom + 45))\" text-anchor=\"middle\">\(escape(xLabel))</text>\n"
        svg += "<text transform=\"translate(22 \(f((plot.top + plot.bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text>\n"

        // One group per series: range bars, the median line, its points.
        for item in series {
            let points = item.points.sorted { $0.x < $1.x }
            svg += "<g class=\"series\" data-series=\"\(escape(item.name))\" stroke=\"\(item.color)\" fill=\"\(item.color)\">\n"
            for point in points where point.max > point.min {
                svg += "<line x1=\"\(f(px(point.x)))\" y1=\"\(f(py(point.min)))\" x2=\"\(f(px(point.x)))\" y2=\"\(f(py(point.max)))\" stroke-width=\"2\" opacity=\"0.5\"/>\n"
            }
            let path = points.map { "\(f(px($0.x))),\(f(py($0.median)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke-width=\"2.5\"/>\n"
            for point in points {
                svg += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.median)))\" r=\"4\">"
                svg += "<title>\(escape(item.name)) at \(NiceScale.label(point.x)): \(NiceScale.label(point.median)) (\(NiceScale.label(point.min))–\(NiceScale.label(point.max)))</title></circle>\n"
            }
            svg += "</g>\n"
        }

        // Legend.
        for (index, item) in series.enumerated() {
            let y = plot.top + 10 + Double(index) * 22
            svg += "<rect x=\"\(f(plot.right + 30))\" y=\"\(f(y - 6))\" width=\"18\" height=\"4\" fill=\"\(item.color)\"/>\n"
            svg += "<text x=\"\(f(plot.right + 56))\" y=\"\(f(y))\" dominant-baseline=\"middle\">\(escape(item.name))</text>\n"
        }
        svg += "<text x=\"\(f(plot.right + 30))\" y=\"\(f(plot.top + 20 + Double(series.count) * 22))\" fill=\"#777\" font-size=\"10\">line: median; bar: min–max</text>\n"
        svg += "</svg>\n"
        return svg
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Axis ticks at 1, 2 or 5 times a power of ten.
enum NiceScale {
    /// The smallest "nice" bound at or above `value` (at least 1).
    static func ceiling(_ value: Double) -> Double {
        let value = max(value, 1e-9)
        let power = pow(10, floor(log10(value)))
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    /// Five or so ticks from 0 to `top`.
    static func ticks(upTo top: Double) -> [Double] {
        let step = ceiling(top / 5)
        return stride(from: 0, through: top + step / 1000, by: step).map { $0 }
    }

    /// 1200 → "1,200", 0.25 → "0.25", 1500000 → "1.5M".
    static func label(_ value: Double) -> String {
        if value >= 1_000_000 { return Format.number((value / 100_000).rounded() / 10) + "M" }
        if value == value.rounded() { return Format.count(Int(value)) }
        return String(format: value < 10 ? "%.2g" : "%.0f", value)
    }
}
