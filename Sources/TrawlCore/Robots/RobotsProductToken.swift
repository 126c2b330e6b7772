/// Product tokens: the names that tie a crawler to a robots.txt group
/// (RFC 9309 §2.2.1). Both sides are compared lower-cased.
enum RobotsProductToken {
    /// What a `user-agent` line names.
    enum Named: Equatable {
        /// `*`: every crawler without a group of its own.
        case everyAgent
        case agent(String)
        /// Nothing usable (`ツ`, `/x`): the line still opens a group.
        case nothing
    }

    /// The crawler's token from its User-Agent header: the text before the
    /// first "/" or space, as in `trawl/0.1 (+https://example.org/bot)` → `trawl`.
    static func ofCrawler(_ userAgent: String) -> String {
        let trimmed = userAgent.utf8.drop(while: RobotsByte.isSpace)
        let token = trimmed.prefix { $0 != RobotsByte.slash && !RobotsByte.isSpace($0) }
        return String(decoding: token, as: UTF8.self).lowercased()
    }

    /// A `user-agent` line's value read as Google's parser reads it: `*`
    /// alone or followed by a space is the global group; otherwise only the
    /// leading run of token characters [a-zA-Z_-] counts, so `Googlebot/2.1`
    /// and `Googlebot Images` both name `googlebot`.
    static func ofLine(_ value: ArraySlice<UInt8>) -> Named {
        if value.first == RobotsByte.star && (value.count == 1 || RobotsByte.isSpace(value[value.startIndex + 1])) {
            return .everyAgent
        }
        let token = value.prefix { RobotsByte.isLetter($0) || $0 == 0x2D || $0 == 0x5F }
        return token.isEmpty ? .nothing : .agent(String(decoding: token, as: UTF8.self).lowercased())
    }
}
