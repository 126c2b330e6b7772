import ArgumentParser

/// What a bare number (no unit) means for one duration flag: each flag
/// keeps the unit it had before durations took units, so an old command
/// line means what it meant.
protocol BareNumberUnit {
    /// Seconds in one bare unit; nil when the flag takes no bare number.
    static var seconds: Double? { get }
    /// Written after a bare number in messages ("" for seconds, which
    /// these messages always showed as a plain number).
    static var suffix: String { get }
}

/// `--timeout 30` and `--max-time 90`: seconds, as they always were.
enum BareSeconds: BareNumberUnit {
    static var seconds: Double? { 1 }
    static var suffix: String { "" }
}

/// `--delay 250`: milliseconds, as it always was.
enum BareMilliseconds: BareNumberUnit {
    static var seconds: Double? { 0.001 }
    static var suffix: String { "ms" }
}

/// `-w`: wget reads `-w 2` as two seconds and `--delay 2` is two
/// milliseconds, so the short form takes no bare number at all rather than
/// mean either silently (it parses as seconds; `validate()` refuses it,
/// saying why).
enum NoBareNumber: BareNumberUnit {
    static var seconds: Double? { nil }
    static var suffix: String { "" }
}

/// A span of time written the one way every duration flag takes it: 500ms,
/// 2s, 1.5m, 1h or 1d; a bare number is in `Bare`'s unit.
///
/// Parsing only reads the number: any value, even a negative, zero or
/// infinite one, parses, so that each flag's `validate()` refuses it with
/// its own range and name instead of the parser's generic "invalid value".
struct DurationArgument<Bare: BareNumberUnit>: ExpressibleByArgument, Sendable, CustomStringConvertible {
    /// The value in seconds; may be out of any flag's range until validated.
    var seconds: Double
    /// As the user wrote it, for messages.
    var text: String
    /// Whether it was written without a unit.
    var isBare: Bool
    /// A bare number where the flag takes none (`NoBareNumber`).
    var lacksUnit: Bool { isBare && Bare.seconds == nil }

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400)]
        // "ms" before "s" and "m": the first suffix that fits wins.
        let unit = units.first { argument.hasSuffix($0.suffix) }
        let factor = unit?.seconds ?? Bare.seconds ?? 1
        guard let value = Double(argument.dropLast(unit?.suffix.count ?? 0)), !value.isNaN
        else { return nil }
        seconds = value * factor
        text = argument
        isBare = unit == nil
    }

    /// Whole milliseconds (libcurl's resolution), rounded; clamped, so an
    /// unvalidated value cannot trap. Use after `validate()`.
    var duration: Duration {
        let milliseconds = (seconds * 1000).rounded()
        guard milliseconds.isFinite else { return milliseconds > 0 ? .seconds(Int64.max / 1_000_000_000) : .zero }
        return .milliseconds(Int64(max(min(milliseconds, 9.2e15), -9.2e15)))
    }

    /// For messages: as written, except that a bare number reads as the
    /// number it is, in its unit ("0" as "0.0", "-5" as "-5.0ms"), as
    /// these flags always reported it.
    var description: String {
        isBare ? "\(Double(text) ?? seconds)\(Bare.suffix)" : text
    }

    /// Refuses a value outside `range` (seconds), naming `flag` and the
    /// bounds as `bounds` words them ("between 0 and 1d").
    func check(_ flag: String, within range: ClosedRange<Double>, _ bounds: String) throws {
        guard range.contains(seconds) else {
            throw ValidationError("\(flag) must be \(bounds) (got \(self))")
        }
    }
}

/// The flags that keep their old unit for a bare number.
typealias SecondsOrDuration = DurationArgument<BareSeconds>
typealias MillisecondsOrDuration = DurationArgument<BareMilliseconds>
