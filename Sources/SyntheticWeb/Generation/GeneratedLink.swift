/// One `<a href>` of a generated page, packed small (12 bytes) because the
/// whole graph is precomputed: a million pages cost about 100 MB, not GBs.
struct GeneratedLink: Sendable, Hashable {
    enum Kind: UInt8, Sendable {
        case page  // /  or  /page/N        → 200
        case missing  // /missing/N         → 404
        case redirect  // /redirect/N       → 301 to page N
        case error  // /error/N             → 500
        case elsewhere  // http://elsewhere.example/x    (out of scope)
        case mailto  // mailto:a@b.c                     (out of scope)
        case javascript  // javascript:void(0)           (out of scope)
        case selfFragment  // #top  → the page itself, so an edge source→source
    }

    var kind: Kind
    var form: LinkForm
    /// Picks among equivalent spellings within a form (fragment name,
    /// whitespace style, hex case), so one form still varies.
    var variant: UInt8
    var host: UInt32
    var number: UInt32

    /// The canonical path on `host`, or nil for links that leave the web.
    var targetPath: String? {
        switch kind {
        case .page: return number == 0 ? "/" : "/page/\(number)"
        case .missing: return "/missing/\(number)"
        case .redirect: return "/redirect/\(number)"
        case .error: return "/error/\(number)"
        case .elsewhere, .mailto, .javascript, .selfFragment: return nil
        }
    }
}

/// The spellings of one target. All forms of a target resolve (RFC 3986 and
/// WHATWG alike) to the same canonical URL, `http://hK.trawl.test/path`.
enum LinkForm: UInt8, Sendable, CaseIterable {
    case absolute  // http://h1.trawl.test/page/3
    case rootRelative  // /page/3
    case documentRelative  // page/3 (from /), 3 or ../missing/4 (from /page/j)
    case dotRelative  // ./page/3, ./3, ../page/3, ../
    case schemeRelative  // //h1.trawl.test/page/3
    case upperCase  // HTTP://H1.TRAWL.TEST/page/3
    case defaultPort  // http://h1.trawl.test:80/page/3
    case fragment  // /page/3#s7 or http://h1.trawl.test/page/3#s7
    case percentEncoded  // /%70age/3 (an unreserved letter escaped)
    case whitespace  // "\n  /page/3  \n" inside the attribute

    /// Forms a reference to another host can take (no relative paths).
    var worksAcrossHosts: Bool {
        switch self {
        case .rootRelative, .documentRelative, .dotRelative, .whitespace: return false
        case .absolute, .schemeRelative, .upperCase, .defaultPort, .fragment, .percentEncoded: return true
        }
    }

    /// Weights out of 100: plain forms dominate, every tricky form is common
    /// enough that a 100-page host shows each of them many times.
    static let sameHostWeights: [(LinkForm, Int)] = [
        (.absolute, 20), (.rootRelative, 20), (.documentRelative, 15), (.dotRelative, 10), (.schemeRelative, 5),
        (.upperCase, 6), (.defaultPort, 6), (.fragment, 6), (.percentEncoded, 6), (.whitespace, 6),
    ]
    static let crossHostWeights: [(LinkForm, Int)] = [
        (.absolute, 40), (.schemeRelative, 12), (.upperCase, 12), (.defaultPort, 12), (.fragment, 12),
        (.percentEncoded, 12),
    ]

    static func pick(sameHost: Bool, using rng: inout SplitMix64) -> LinkForm {
        let table = sameHost ? sameHostWeights : crossHostWeights
        var roll = rng.below(100)
        for (form, weight) in table {
            if roll < weight { return form }
            roll -= weight
        }
        return .absolute
    }
}
