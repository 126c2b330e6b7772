/// The key of a robots.txt line, matched case-insensitively.
enum RobotsKey {
    case userAgent, allow, disallow, sitemap, crawlDelay
    /// Anything else: ignored, and it neither opens nor closes a group.
    case other

    init(_ key: ArraySlice<UInt8>) {
        // Most lines of a big file are rules; no name is longer than 11.
        guard key.count <= Self.longestName else {
            self = .other
            return
        }
        self = Self.names[String(decoding: key, as: UTF8.self).lowercased()] ?? .other
    }

    private static let longestName = names.keys.map(\.utf8.count).max() ?? 0

    /// The standard names plus the misspellings Google's parser accepts
    /// (RFC 9309 §2.2.4 lets crawlers be lenient with them).
    private static let names: [String: RobotsKey] = [
        "user-agent": .userAgent, "useragent": .userAgent, "user agent": .userAgent,
        "allow": .allow,
        "disallow": .disallow, "dissallow": .disallow, "dissalow": .disallow,
        "disalow": .disallow, "diasllow": .disallow, "disallaw": .disallow,
        "sitemap": .sitemap, "site-map": .sitemap,
        "crawl-delay": .crawlDelay,
    ]
}
