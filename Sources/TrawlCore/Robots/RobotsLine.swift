/// One line of a robots.txt split into key and value (RFC 9309 §2.2):
/// `key: value # comment`, whitespace around either part ignored.
struct RobotsLine {
    var key: ArraySlice<UInt8>
    var value: ArraySlice<UInt8>

    /// nil for a blank or comment-only line and for one with no separator
    /// or an empty key: RFC 9309 §2.3.1.5 has crawlers use the lines they
    /// can parse and skip the rest.
    init?(_ line: ArraySlice<UInt8>) {
        var content = line
        if let comment = content.firstIndex(of: RobotsByte.hash) { content = content[..<comment] }
        content = Self.trimmed(content)
        guard !content.isEmpty else { return nil }
        if let colon = content.firstIndex(of: RobotsByte.colon) {
            key = Self.trimmed(content[..<colon])
            value = Self.trimmed(content[(colon + 1)...])
        } else {
            // Google's leniency for a forgotten colon ("disallow /"): a
            // space separates, but only when the line has exactly two words.
            guard let gap = content.firstIndex(where: RobotsByte.isSpace) else { return nil }
            key = content[..<gap]
            value = Self.trimmed(content[gap...])
            if value.contains(where: RobotsByte.isSpace) { return nil }
        }
        if key.isEmpty { return nil }
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes.drop(while: RobotsByte.isSpace)
        while let last = bytes.last, RobotsByte.isSpace(last) { bytes.removeLast() }
        return bytes
    }
}
