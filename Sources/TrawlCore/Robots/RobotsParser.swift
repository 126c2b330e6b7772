/// Turns robots.txt bytes into groups and sitemaps, line by line, keeping
/// whatever parses (RFC 9309 §2.3.1.5) and never failing.
struct RobotsParser {
    /// RFC 9309 §2.5: parsers must read at least 500 KiB; the rest is
    /// ignored, and so is a line the limit cuts in two.
    static let byteLimit = 500 * 1024
    /// Google's cap: longer lines keep their first 16,664 bytes. No real
    /// rule is longer, and it bounds the cost of matching one pattern.
    static let lineLimit = 2083 * 8
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private(set) var groups: [RobotsGroup] = []
    private(set) var sitemaps: [String] = []
    /// True from a group's first user-agent line until its first rule:
    /// user-agent lines in that stretch join the group instead of opening
    /// a new one. Other lines (sitemap, crawl-delay, unknown) leave it as it
    /// is: §2.2.4 says they must not end a group.
    private var takingAgents = false
    /// The current group's rules so far: a repeated line adds nothing, so
    /// a file of one rule written 50,000 times costs one rule to match.
    private var groupRules: Set<RobotsRule> = []

    mutating func parse(_ bytes: some Collection<UInt8>) {
        var line: [UInt8] = []
        var read = 0
        var bomMatched = 0
        for byte in bytes {
            if read == Self.byteLimit { return }
            read += 1
            // Google skips a UTF-8 byte order mark, and any prefix of one,
            // at the very start; anywhere else it is part of a line.
            if bomMatched < 3 {
                if byte == Self.byteOrderMark[bomMatched] {
                    bomMatched += 1
                    continue
                }
                bomMatched = 3
            }
            // CR, LF and CRLF all end a line; the empty "line" between CR
            // and LF parses to nothing.
            if byte == 0x0A || byte == 0x0D {
                handle(line[...])
                line.removeAll(keepingCapacity: true)
            } else if line.count < Self.lineLimit {
                line.append(byte)
            }
        }
        handle(line[...])
    }

    private mutating func handle(_ text: ArraySlice<UInt8>) {
        guard let line = RobotsLine(text) else { return }
        switch RobotsKey(line.key) {
        case .userAgent:
            if !takingAgents {
                groups.append(RobotsGroup())
                groupRules.removeAll()
                takingAgents = true
            }
            groups[groups.count - 1].add(RobotsProductToken.ofLine(line.value))
        case .allow:
            addRule(.allow, line.value)
            // Google: allowing ".../index.htm(l)" allows the directory too.
            if let directory = Self.directoryOfIndexPage(line.value) {
                addRule(.allow, directory + [RobotsByte.dollar])
            }
        case .disallow:
            addRule(.disallow, line.value)
        case .crawlDelay:
            guard !groups.isEmpty, let delay = Self.crawlDelay(line.value) else { return }
            groups[groups.count - 1].crawlDelay = max(groups[groups.count - 1].crawlDelay ?? 0, delay)
        case .sitemap:
            if !line.value.isEmpty { sitemaps.append(String(decoding: line.value, as: UTF8.self)) }
        case .other:
            break
        }
    }

    /// Rules before the first user-agent line belong to no group and are
    /// ignored (§2.2.2). An empty value still ends the group's agent lines.
    private mutating func addRule(_ kind: RobotsRule.Kind, _ value: some Collection<UInt8>) {
        guard !groups.isEmpty else { return }
        takingAgents = false
        if let rule = RobotsRule(kind, pattern: value), groupRules.insert(rule).inserted {
            groups[groups.count - 1].rules.append(rule)
        }
    }

    /// "/shop/index.html" → "/shop/": the part up to the last "/" when what
    /// follows it starts with "index.htm".
    static func directoryOfIndexPage(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard let slash = value.lastIndex(of: RobotsByte.slash),
              value[(slash + 1)...].starts(with: "index.htm".utf8) else { return nil }
        return value[...slash]
    }

    /// A non-negative decimal number of seconds ("10", "0.5", ".5", "5.");
    /// anything else, signs and exponents included, is ignored.
    static func crawlDelay(_ value: ArraySlice<UInt8>) -> Double? {
        let digits = value.count(where: RobotsByte.isDigit)
        let dots = value.count { $0 == 0x2E }
        guard digits > 0, dots <= 1, digits + dots == value.count,
              let seconds = Double(String(decoding: value, as: UTF8.self)), seconds.isFinite else { return nil }
        return seconds
    }
}
