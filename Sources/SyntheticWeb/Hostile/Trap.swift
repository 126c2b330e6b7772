/// The fixed traps of the hostile profile, the same on every host, each
/// linked from the host's root page by its entry `path`.
enum Trap: CaseIterable, Sendable {
    case redirectChain, longRedirectChain, redirectLoop, redirectToFTP, redirectToJavascript, redirectOutOfScope
    case redirectToPrivate, longLocation, slowRedirectChain, credentialsLink, longPath
    case slowDrip, hugeBody, gzipBomb, shortBody, resetMidBody, pngAsHTML, binary
    case deepHTML, unclosedHTML, oddLinks
    case longBase, attributeBomb, backtrackingBait, hugeTitle
    case charsetInHeader, charsetDefault, charsetInMeta
    case calendar
    case tooManyRequests, serviceUnavailable, serverError

    /// Hops of the two redirect chains, and the largest chain served.
    static let shortChainHops = 3
    static let longChainHops = 15
    /// Hops of the slow chain, each answered after `slowHopDelay`.
    static let slowChainHops = 3
    static let slowHopDelay = Duration.seconds(1)
    /// Bytes of the long `Location`: past any --max-url-length default.
    static let longLocationBytes = 40_000
    /// `a`s in `longPath`: longer than every slow rule of the costly
    /// robots.txt (8,000-8,060 `a`s and a `b`), so each must read it all;
    /// within --max-url-length.
    static let longPathBytes = 8_100
    static let calendarStart = (year: 2026, month: 11)

    /// The entry path, linked from the root page.
    var path: String {
        switch self {
        case .redirectChain: return "/trap/redirect/chain/\(Self.shortChainHops)"
        case .longRedirectChain: return "/trap/redirect/chain/\(Self.longChainHops)"
        case .redirectLoop: return "/trap/redirect/loop/a"
        case .redirectToFTP: return "/trap/redirect/to-ftp"
        case .redirectToJavascript: return "/trap/redirect/to-javascript"
        case .redirectOutOfScope: return "/trap/redirect/out-of-scope"
        case .redirectToPrivate: return "/trap/redirect/to-private"
        case .longLocation: return "/trap/redirect/long-location"
        case .slowRedirectChain: return HostileRoute.slowChainPath(Self.slowChainHops)
        case .credentialsLink: return "/trap/html/credentials"
        case .longPath: return HostileRoute.landingPrefix + String(repeating: "a", count: Self.longPathBytes)
        case .slowDrip: return "/trap/body/slow-drip"
        case .hugeBody: return "/trap/body/huge"
        case .gzipBomb: return "/trap/body/gzip-bomb"
        case .shortBody: return "/trap/body/short"
        case .resetMidBody: return "/trap/body/reset"
        case .pngAsHTML: return "/trap/body/png-as-html"
        case .binary: return "/trap/body/binary"
        case .deepHTML: return "/trap/html/deep"
        case .unclosedHTML: return "/trap/html/unclosed"
        case .oddLinks: return "/trap/html/odd-links"
        case .longBase: return "/trap/html/long-base"
        case .attributeBomb: return "/trap/html/attribute-bomb"
        case .backtrackingBait: return "/trap/html/backtracking"
        case .hugeTitle: return "/trap/html/huge-title"
        case .charsetInHeader: return "/trap/charset/windows-1252"
        case .charsetDefault: return "/trap/charset/no-charset"
        case .charsetInMeta: return "/trap/charset/shift-jis"
        case .calendar: return HostileRoute.calendarPath(year: Self.calendarStart.year, month: Self.calendarStart.month)
        case .tooManyRequests: return "/trap/status/429"
        case .serviceUnavailable: return "/trap/status/503"
        case .serverError: return "/trap/status/500"
        }
    }

    var outcome: String? {
        switch self {
        case .redirectChain, .pngAsHTML, .binary, .deepHTML, .unclosedHTML, .oddLinks: return nil
        case .slowRedirectChain, .credentialsLink: return nil
        // Depends on the host's robots.txt: see `HostileWeb.expectations`.
        case .redirectToPrivate, .longPath: return nil
        case .longLocation: return "refused-redirect"
        case .longBase, .attributeBomb, .backtrackingBait, .hugeTitle: return nil
        case .charsetInHeader, .charsetDefault, .charsetInMeta, .calendar: return nil
        case .tooManyRequests, .serviceUnavailable: return nil
        case .longRedirectChain: return "too-many-redirects"
        case .redirectLoop: return "redirect-loop"
        case .redirectToFTP, .redirectToJavascript: return "unsupported-scheme"
        case .redirectOutOfScope: return "out-of-scope-redirect"
        case .slowDrip: return "timeout"
        case .hugeBody, .gzipBomb: return "too-large"
        case .shortBody: return "bad-response"
        case .resetMidBody: return "reset"
        case .serverError: return "http-5xx"
        }
    }

    var alternatives: [String?] {
        switch self {
        case .shortBody: return ["reset"]
        case .resetMidBody: return ["bad-response"]
        case .redirectLoop: return ["too-many-redirects"]
        case .redirectToJavascript: return ["http-4xx"]
        case .tooManyRequests: return ["http-4xx"]
        case .serviceUnavailable: return ["http-5xx"]
        default: return []
        }
    }

    var note: String {
        switch self {
        case .redirectChain:
            return "302 → chain/2 → chain/1 → / (3 hops), ending at the root page"
        case .longRedirectChain:
            return "302 → chain/14 → … → chain/1 → / (15 hops): more than a limit of 10"
        case .redirectLoop: return "301 loop/a → loop/b → loop/a → …"
        case .redirectToFTP: return "302 to ftp://<host>/trap/file.txt"
        case .redirectToJavascript: return "302 to javascript:void(0)"
        case .redirectOutOfScope: return "302 to http://elsewhere.example/trap, a host outside the web"
        case .redirectToPrivate:
            return "302 to /private/1: a hop into what robots.txt disallows is judged by robots.txt like a link"
        case .longLocation:
            return "302 to a \(Self.longLocationBytes)-byte Location, longer than --max-url-length"
        case .slowRedirectChain:
            return "302 → slow/2 → slow/1 → /trap/found/slow-chain, each hop answered after 1 s: --timeout covers the whole chain"
        case .longPath:
            return "an 8,100-byte path of a's (a landing page): on the host whose robots.txt is built to be slow to match it, robots-disallowed within a bounded cost"
        case .credentialsLink:
            return "200 HTML linking http://alice:s3cret@<host>/trap/found/credentials: the link loses its credentials"
        case .slowDrip:
            return "200, content-length 600, then 1 byte per second (10 minutes)"
        case .hugeBody: return "200 text/html, content-length 64 MiB, streamed"
        case .gzipBomb:
            return "200 text/html, content-encoding gzip: about 1 MiB that inflates to 1 GiB of HTML (spaces)"
        case .shortBody: return "200, content-length 2048, sends 1024 bytes and closes"
        case .resetMidBody: return "200, content-length 65536, sends 32768 bytes, then RST"
        case .pngAsHTML: return "200 text/html whose body is a PNG header and binary bytes: parses to no links"
        case .binary:
            return "200 application/octet-stream whose bytes contain an <a href>: not HTML, so no links"
        case .deepHTML:
            return "200 HTML nested 10,000 <div>s deep, with links before, at the bottom of and after the nesting"
        case .unclosedHTML:
            return "200 tag soup: unclosed elements, unquoted attributes; hrefs in a comment and a script are not links"
        case .oddLinks:
            return "200 HTML: hrefs with whitespace, other schemes, an entity, an empty href, a URL over 8 KiB"
        case .longBase:
            return "200 HTML: a 64 KiB <base href> and 8,000 relative links under it (512 MB of URLs); two root-relative links"
        case .attributeBomb:
            return "200 HTML: one <a> with 60,000 attributes after its href (quadratic in libxml2 2.9.14), links around it"
        case .backtrackingBait:
            return "200 HTML: a link ending in 70 a's and '!', which makes a backtracking --deny '(a+)+$' run for minutes"
        case .hugeTitle:
            return "200 HTML with a 1 MiB <title> and one link"
        case .charsetInHeader:
            return "200 windows-1252, declared by content-type; the href's é and € become UTF-8 escapes"
        case .charsetDefault:
            return "200 windows-1252 with no charset anywhere: decode as windows-1252 (0x80 is €)"
        case .charsetInMeta:
            return "200 Shift_JIS declared only by <meta charset>; the href's 東京 becomes UTF-8 escapes"
        case .calendar:
            return "endless: every month links to the previous and the next; bounded only by depth or pages per host"
        case .tooManyRequests: return "429 with retry-after 1 on the first request, then 200"
        case .serviceUnavailable: return "503 with retry-after 1 on the first request, then 200"
        case .serverError: return "500 on every request"
        }
    }
}
