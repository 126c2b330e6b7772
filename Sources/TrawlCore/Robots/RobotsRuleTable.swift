/// The rules of a `RobotsRules` laid out for matching: every literal byte
/// in one buffer and one plain entry per rule, in decision order.
///
/// A check walks thousands of rules per URL in a hostile file; entries that
/// hold no arrays cost no reference counting on that walk, and a rule is
/// split at its stars, with the KMP tables its searches need, once, here,
/// instead of on every URL. Offsets fit 32 bits: a file holds at most
/// 500 KiB, 1.5 MB once percent-encoded.
struct RobotsRuleTable: Sendable {
    /// One rule's pattern as the literal segments between its stars:
    /// S0 * S1 * … * Sk.
    ///
    /// S0 is the prefix, compared in place (possibly empty). For an
    /// anchored rule with a star, Sk is the suffix, compared in place at
    /// the path's end (possibly empty). Every other non-empty segment is
    /// searched for (`middle`); empty ones (`**`, a leading or trailing
    /// `*`) constrain nothing and are dropped. So `/a*` is the literal rule
    /// `/a`, and `*` alone is the empty prefix, which every path starts with.
    struct Entry {
        var prefix: Run
        /// Empty unless the rule is anchored and has a star.
        var suffix: Run
        /// Indices into `middles`, in pattern order.
        var middleStart: Int32
        var middleEnd: Int32
        /// The sum of the segments' lengths: no shorter path can match.
        var literalCount: Int32
        var isAllow: Bool
        var anchored: Bool
        /// No star: the path must start with (or, anchored, be) the prefix.
        var isLiteral: Bool
    }

    /// A run of `literals`.
    struct Run {
        var start: Int32
        var count: Int32
    }

    /// A segment searched for, and where its KMP table starts in `borders`.
    struct Middle {
        var bytes: Run
        var borderStart: Int32
    }

    private(set) var literals: [UInt8] = []
    /// The middle segments' tables, one entry per byte (see `borders(of:)`).
    private(set) var borders: [UInt16] = []
    private(set) var middles: [Middle] = []
    private(set) var entries: [Entry] = []
    /// The index of the last disallow rule, -1 when there is none: after
    /// it, whatever matches (if anything) allows.
    private(set) var lastDisallow = -1

    /// `rules` in the order they decide (most specific first).
    init(_ rules: [RobotsRule]) {
        literals.reserveCapacity(rules.reduce(0) { $0 + $1.bytes.count })
        for rule in rules {
            var pieces = rule.bytes.split(separator: RobotsByte.star, omittingEmptySubsequences: false)[...]
            let prefix = add(pieces.removeFirst())
            let hasStar = !pieces.isEmpty
            let suffix = rule.anchored && hasStar ? add(pieces.removeLast()) : Run(start: 0, count: 0)
            let middleStart = middles.count
            for piece in pieces where !piece.isEmpty {
                middles.append(Middle(bytes: add(piece), borderStart: Int32(borders.count)))
                borders += Self.borders(of: piece)
            }
            let middleCount = middles[middleStart...].reduce(0) { $0 + Int($1.bytes.count) }
            if rule.kind == .disallow { lastDisallow = entries.count }
            entries.append(Entry(
                prefix: prefix, suffix: suffix, middleStart: Int32(middleStart), middleEnd: Int32(middles.count),
                literalCount: prefix.count + suffix.count + Int32(middleCount),
                isAllow: rule.kind == .allow, anchored: rule.anchored,
                isLiteral: !hasStar || (!rule.anchored && middles.count == middleStart)))
        }
    }

    private mutating func add(_ piece: ArraySlice<UInt8>) -> Run {
        defer { literals += piece }
        return Run(start: Int32(literals.count), count: Int32(piece.count))
    }

    /// border[q]: the length of the longest proper prefix of
    /// `segment[...q]` that is also its suffix (KMP's failure function).
    /// A pattern holds at most `RobotsParser.lineLimit` bytes, under
    /// 50,000 once encoded, so a length fits 16 bits.
    static func borders(of segment: ArraySlice<UInt8>) -> [UInt16] {
        let bytes = Array(segment)
        var border = [UInt16](repeating: 0, count: bytes.count)
        var k = 0
        for q in bytes.indices.dropFirst() {
            while k > 0 && bytes[q] != bytes[k] { k = Int(border[k - 1]) }
            if bytes[q] == bytes[k] { k += 1 }
            border[q] = UInt16(k)
        }
        return border
    }
}
