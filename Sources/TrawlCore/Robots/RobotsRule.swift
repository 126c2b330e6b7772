/// One `allow` or `disallow` line, kept in the canonical form it is matched
/// in (see `RobotsPathEncoding`).
public struct RobotsRule: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case allow, disallow
    }

    public let kind: Kind
    /// Canonical pattern bytes without the trailing "$" anchor.
    let bytes: [UInt8]
    /// The pattern ended in "$": the path must end where the pattern does.
    let anchored: Bool

    /// nil for an empty value: RFC 9309's empty-pattern rule matches nothing
    /// (`disallow:` with no path allows everything). Like a line of a file,
    /// a pattern keeps its first `RobotsParser.lineLimit` bytes, so its
    /// canonical form stays under 50,000 bytes (`RobotsRuleTable` counts on it).
    public init?(_ kind: Kind, pattern: some Collection<UInt8>) {
        var bytes = RobotsPathEncoding.canonicalPattern(pattern.prefix(RobotsParser.lineLimit))
        guard !bytes.isEmpty else { return nil }
        anchored = bytes.last == RobotsByte.dollar
        if anchored { bytes.removeLast() }
        self.kind = kind
        self.bytes = bytes
    }

    public init?(_ kind: Kind, pattern: String) {
        self.init(kind, pattern: pattern.utf8)
    }

    /// The canonical pattern, "$" included: `/caf%C3%A9$`.
    public var pattern: String {
        String(decoding: bytes, as: UTF8.self) + (anchored ? "$" : "")
    }

    /// RFC 9309's "most octets": the longer pattern is the more specific.
    public var specificity: Int { bytes.count + (anchored ? 1 : 0) }

    public var description: String { "\(kind == .allow ? "allow" : "disallow"): \(pattern)" }
}
