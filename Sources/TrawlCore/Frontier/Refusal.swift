/// Why the crawl decided not to fetch a URL it knows of. Each is a limit
/// the user can read in report.json (`refused`, distinct URLs per limit)
/// and change or turn off with a flag. A refused URL that is in scope
/// stays an edge; it gets no pages.jsonl line, because nothing happened
/// to it.
public enum Refusal: String, Sendable, CaseIterable, Codable, Comparable {
    /// Farther from every seed than `--max-depth`.
    case maxDepth = "max-depth"
    /// Its host already has `--max-pages-per-host` URLs.
    case maxPagesPerHost = "max-pages-per-host"
    /// Its host and path already have `--max-query-variants` queries.
    case maxQueryVariants = "max-query-variants"
    /// More path segments than `--max-path-segments`.
    case maxPathSegments = "max-path-segments"
    /// A run of path segments repeated more than `--max-path-repeats`
    /// times in a row (`/a/b/a/b/a/b/`).
    case pathRepeats = "max-path-repeats"
    /// Its host already has `--max-path-variants` URLs whose paths differ
    /// only in their digits (`/calendar/2031/04`, `/calendar/2031/05`, …).
    case maxPathVariants = "max-path-variants"
    /// A port the Fetch Standard calls bad (25, 110, 6667, …), refused as
    /// browsers refuse it, unless `--allow-bad-ports`.
    case badPort = "bad-port"

    public static func < (lhs: Refusal, rhs: Refusal) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Distinct URLs refused, per limit.
public struct RefusalCounts: Sendable, Equatable {
    public private(set) var counts: [Refusal: Int] = [:]

    public init() {}

    public mutating func add(_ refusal: Refusal, _ amount: Int = 1) {
        counts[refusal, default: 0] += amount
        if counts[refusal] == 0 { counts[refusal] = nil }
    }

    public mutating func add(_ other: RefusalCounts) {
        for (refusal, count) in other.counts { add(refusal, count) }
    }

    public var isEmpty: Bool { counts.isEmpty }

    /// For report.json: the flag-named limits as keys.
    public var byName: [String: Int] {
        Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })
    }
}
