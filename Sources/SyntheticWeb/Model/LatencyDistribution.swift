/// How long the server waits before answering a request.
///
/// `.uniform` draws from (seed, host, path), not from a clock or a shared
/// generator, so a page is always exactly as slow as it was last run.
public enum LatencyDistribution: Sendable, Hashable, CustomStringConvertible {
    case fixed(Duration)
    case uniform(Duration, Duration)

    /// Parses the `--latency` syntax: `0`, `50ms`, `1s`, `1.5s`, `250us`,
    /// `20..200ms` (the right-hand unit applies to a bare left-hand number)
    /// or `20ms..1s`.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingASCIIWhitespace()
        func invalid(_ reason: String) -> SyntheticWebError {
            SyntheticWebError(
                .invalidLatency,
                "invalid latency \"\(text)\": \(reason) (expected e.g. 0, 50ms, 1s or 20..200ms)")
        }
        let parts = trimmed.split(separator: "..", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let single = LatencyLiteral(parts[0]) else { throw invalid("not a duration") }
            guard let nanos = single.nanoseconds(defaultUnit: nil) else {
                throw invalid("a non-zero number needs a unit (ns, us, ms, s)")
            }
            self = .fixed(.nanoseconds(nanos))
        case 2:
            guard let low = LatencyLiteral(parts[0]), let high = LatencyLiteral(parts[1]) else {
                throw invalid("a range needs two durations")
            }
            guard let highNanos = high.nanoseconds(defaultUnit: nil),
                let lowNanos = low.nanoseconds(defaultUnit: high.unit)
            else { throw invalid("a non-zero number needs a unit (ns, us, ms, s)") }
            guard lowNanos <= highNanos else { throw invalid("the range's lower end exceeds its upper end") }
            self = lowNanos == highNanos ? .fixed(.nanoseconds(lowNanos)) : .uniform(.nanoseconds(lowNanos), .nanoseconds(highNanos))
        default:
            throw invalid("too many \"..\"")
        }
    }

    /// The latency of one (seed, host, path); `unit` is a uniform draw in [0, 1).
    func latency(unit: Double) -> Duration {
        switch self {
        case .fixed(let duration):
            return duration
        case .uniform(let low, let high):
            let lowNanos = low.wholeNanoseconds, span = high.wholeNanoseconds - lowNanos
            return .nanoseconds(lowNanos + Int64(Double(span) * unit))
        }
    }

    /// Round-trips through `init(parsing:)`.
    public var description: String {
        switch self {
        case .fixed(let duration): return duration.latencyText
        case .uniform(let low, let high): return "\(low.latencyText)..\(high.latencyText)"
        }
    }
}

/// One side of a latency literal: a decimal number and an optional unit.
private struct LatencyLiteral {
    var whole: Int64
    var fraction: Substring  // digits after the point, possibly empty
    var unit: Int64?  // nanoseconds per unit

    init?(_ text: Substring) {
        let digitsEnd = text.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? text.endIndex
        let number = text[..<digitsEnd]
        let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let whole = Int64(pieces[0]), whole < 1_000_000_000 else { return nil }
        self.whole = whole
        self.fraction = pieces.count == 2 ? pieces[1] : ""
        guard fraction.allSatisfy(\.isASCII), fraction.allSatisfy(\.isNumber), fraction.count <= 9 else { return nil }
        if pieces.count == 2 && fraction.isEmpty { return nil }
        switch text[digitsEnd...] {
        case "": unit = nil
        case "ns": unit = 1
        case "us", "µs": unit = 1_000
        case "ms": unit = 1_000_000
        case "s": unit = 1_000_000_000
        default: return nil
        }
    }

    var isZero: Bool { whole == 0 && fraction.allSatisfy { $0 == "0" } }

    func nanoseconds(defaultUnit: Int64?) -> Int64? {
        guard let perUnit = unit ?? defaultUnit ?? (isZero ? 1 : nil) else { return nil }
        var nanos = whole * perUnit
        var scale = perUnit
        for digit in fraction {
            scale /= 10
            nanos += Int64(digit.wholeNumberValue!) * scale
        }
        return nanos
    }
}

extension Duration {
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The largest unit that shows the value exactly: 0, 50ms, 1s, 250us, 7ns.
    var latencyText: String {
        let nanos = wholeNanoseconds
        if nanos == 0 { return "0" }
        for (unit, name) in [(Int64(1_000_000_000), "s"), (1_000_000, "ms"), (1_000, "us")] where nanos % unit == 0 {
            return "\(nanos / unit)\(name)"
        }
        return "\(nanos)ns"
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\u{0C}" }
        let start = firstIndex { !isSpace($0) } ?? endIndex
        let end = lastIndex { !isSpace($0) }.map { index(after: $0) } ?? start
        return self[start..<end]
    }
}
