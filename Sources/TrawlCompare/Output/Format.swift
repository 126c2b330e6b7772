import Foundation

/// Number formatting shared by the table, the report, the charts and the
/// progress display, so a figure reads the same everywhere.
public enum Format {
    /// 12,345
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// "4 KB", "100 KB", "2 MB", "1500 B".
    static func bytes(_ value: Int) -> String {
        for (suffix, factor) in [("MB", 1 << 20), ("KB", 1 << 10)] where value >= factor && value % factor == 0 {
            return "\(value / factor) \(suffix)"
        }
        return "\(value) B"
    }

    /// 8, 2.5: no trailing zeros.
    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }

    static func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

    static func mebibytes(_ bytes: Double) -> Double { bytes / 1_048_576 }

    /// 75 s → "1:15", 3725 s → "1:02:05".
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
