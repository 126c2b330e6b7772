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
    /// (`disallow:` with no path allows everything).
    public init?(_ kind: Kind, pattern: some Collection<UInt8>) {
        var bytes = RobotsPathEncoding.canonicalPattern(pattern)
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

    /// Whether the rule matches a canonical path, from its first byte on.
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { Self.match($0, anchored: anchored, path) }
    }

    /// Wildcard matching with one backtrack point: when a byte fails, the
    /// most recent `*` takes one more byte and matching resumes after it.
    /// Earlier stars never need revisiting, so this is O(pattern × path) in
    /// the worst case, allocates nothing, and cannot recurse deeply however
    /// many stars a hostile file writes.
    static func match(_ pattern: UnsafeBufferPointer<UInt8>, anchored: Bool,
                      _ path: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = 0, s = 0
        var starAt = -1, starTook = 0
        while true {
            if p < pattern.count {
                let byte = pattern[p]
                if byte == RobotsByte.star {
                    starAt = p
                    starTook = s
                    p += 1
                    continue
                }
                if s < path.count && path[s] == byte {
                    p += 1
                    s += 1
                    continue
                }
            } else if !anchored || s == path.count {
                return true
            }
            guard starAt >= 0, starTook < path.count else { return false }
            starTook += 1
            p = starAt + 1
            s = starTook
        }
    }
}
