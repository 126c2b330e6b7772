import ArgumentParser
import Foundation

/// A span of time written as 500ms, 90s, 15m, 2h or 1d; a bare number is
/// seconds (as `--timeout` reads it).
struct DurationArgument: ExpressibleByArgument, Sendable {
    var duration: Duration
    /// As the user wrote it, for messages.
    var text: String

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        var number = Substring(argument)
        var factor = 1.0
        for unit in units where argument.hasSuffix(unit.suffix) {
            // "ms" before "s": the first suffix that fits wins.
            number = argument.dropLast(unit.suffix.count)
            factor = unit.seconds
            break
        }
        // Beyond a century is no limit anyone means; it also keeps the
        // product inside Int64 nanoseconds.
        guard let value = Double(number), value.isFinite, value >= 0, value * factor <= 100 * 365 * 86_400 else { return nil }
        duration = .milliseconds(Int64((value * factor * 1000).rounded()))
        text = argument
    }
}

/// HTTP statuses as a comma-separated list (`408,429,500`), or `none`.
struct StatusList: ExpressibleByArgument, Sendable {
    var codes: [Int]

    init(codes: [Int]) { self.codes = codes }

    init?(argument: String) {
        if argument == "none" {
            codes = []
            return
        }
        var codes: [Int] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let code = Int(part.trimmingCharacters(in: .whitespaces)), (100...599).contains(code) else { return nil }
            codes.append(code)
        }
        self.codes = codes
    }

    var defaultValueDescription: String { codes.map(String.init).joined(separator: ",") }
}
