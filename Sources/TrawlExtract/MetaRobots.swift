/// The directives of `<meta name="robots" content="…">` that a crawler obeys.
public struct MetaRobots: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Do not index this page.
    public static let noindex = MetaRobots(rawValue: 1 << 0)
    /// Do not follow this page's links.
    public static let nofollow = MetaRobots(rawValue: 1 << 1)
}

extension MetaRobots {
    /// The directives named in a `content` value: tokens separated by commas
    /// or ASCII whitespace, compared case-insensitively; `none` means both.
    /// Unknown tokens (`index`, `follow`, `noarchive`, …) are ignored.
    init(content: UnsafeBufferPointer<UInt8>) {
        var directives: MetaRobots = []
        ASCII.forEachToken(in: content, separatedBy: ASCII.isRobotsSeparator) { token in
            if ASCII.equalsIgnoringCase(token, "noindex") {
                directives.insert(.noindex)
            } else if ASCII.equalsIgnoringCase(token, "nofollow") {
                directives.insert(.nofollow)
            } else if ASCII.equalsIgnoringCase(token, "none") {
                directives.formUnion([.noindex, .nofollow])
            }
        }
        self = directives
    }
}
