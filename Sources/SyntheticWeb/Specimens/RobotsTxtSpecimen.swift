/// robots.txt files for measuring what matching costs, each with the path
/// it is checked against: hostile shapes filled to RFC 9309's 500 KiB
/// parsing limit with an 8 KiB path, and a large realistic file with a
/// 2 KiB path. Deterministic: the same bytes in every run.
///
/// No hostile rule matches its file's path, so a matcher has to try them
/// all to conclude "allowed".
public enum RobotsTxtSpecimen: String, CaseIterable, Sendable {
    /// ~60 rules `Disallow: /*aaaa…ab`, 8,000–8,060 `a`s each, against `/aaaa…a`:
    /// the shape that cost a backtracking matcher ~1 s per URL.
    case longWildcards = "long-wildcards"
    /// ~30,000 distinct rules `Disallow: /*aXYZ` (X, Y, Z never `a`)
    /// against `/aaaa…a`: each rule alone is cheap, all of them are not.
    case tinyWildcards = "tiny-wildcards"
    /// ~60 rules `Disallow: /*caaaa…ab$` against `/aaaa…ab`: each suffix
    /// agrees with the path for 8,000 bytes before it differs.
    case longAnchored = "long-anchored"
    /// ~28,000 distinct rules `Disallow: /*aXYZ$` against `/aaaa…a`.
    case tinyAnchored = "tiny-anchored"
    /// ~51,000 distinct rules `allow:XYZ`, the most 500 KiB can hold, and
    /// a final `disallow:z` less specific than all of them, none matching
    /// the path: the cost of merely walking the rules.
    case tinyLiterals = "tiny-literals"
    /// ~1,000 rules the way large sites write them: an encyclopedia's
    /// namespaces (literal prefixes, each also percent-encoded) and a
    /// shop's faceted-navigation wildcards (`/*?*sort_by=`, `/*.pdf$`),
    /// against a 2 KiB article URL with a long tracking query that none
    /// of them matches.
    case realistic

    /// RFC 9309 §2.5's parsing limit, which the hostile files fill.
    public static let byteLimit = 500 * 1024
    public static let hostilePathLength = 8 * 1024
    public static let realisticPathLength = 2 * 1024

    public var body: String {
        switch self {
        case .longWildcards: Self.filled { "Disallow: /*" + String(repeating: "a", count: 8_000 + $0) + "b" }
        case .tinyWildcards: Self.filled { "Disallow: /*a" + Self.code($0, digits: 3) }
        case .longAnchored: Self.filled { "Disallow: /*c" + String(repeating: "a", count: 8_000 + $0) + "b$" }
        case .tinyAnchored: Self.filled { "Disallow: /*a" + Self.code($0, digits: 3) + "$" }
        case .tinyLiterals: Self.filled(last: "disallow:z") { "allow:" + Self.code($0, digits: 3) }
        case .realistic: RealisticRobotsTxt.body
        }
    }

    /// The path the file is checked against.
    public var path: String {
        switch self {
        case .longAnchored: "/" + String(repeating: "a", count: Self.hostilePathLength - 2) + "b"
        case .realistic: RealisticRobotsTxt.path
        default: "/" + String(repeating: "a", count: Self.hostilePathLength - 1)
        }
    }

    /// `User-agent: *` and rule lines `line(0)`, `line(1)`, … while they
    /// fit, then `last` if given.
    private static func filled(last: String? = nil, _ line: (Int) -> String) -> String {
        var text = "User-agent: *\n"
        let room = byteLimit - (last.map { $0.utf8.count + 1 } ?? 0)
        var index = 0
        while true {
            let next = line(index) + "\n"
            guard text.utf8.count + next.utf8.count <= room else { break }
            text += next
            index += 1
        }
        return text + (last.map { $0 + "\n" } ?? "")
    }

    /// Unreserved characters other than `a`, so no code matches `aaaa…`.
    private static let alphabet = Array("bcdefghijklmnopqrstuvwxyzBCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    /// `index` written in `digits` characters of `alphabet`, all distinct
    /// for indices below alphabet.count ^ digits.
    private static func code(_ index: Int, digits: Int) -> String {
        var value = index
        var characters: [Character] = []
        for _ in 0..<digits {
            characters.append(alphabet[value % alphabet.count])
            value /= alphabet.count
        }
        return String(characters)
    }
}
