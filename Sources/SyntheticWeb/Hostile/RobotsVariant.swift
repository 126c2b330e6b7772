/// The `/robots.txt` of a host in the hostile profile, chosen by host index.
///
/// With 5 hosts or more: host 0 `.disallowPrivate`, 1 `.notFound`,
/// 2 `.serverError`, 3 `.disallowAll`, 4 `.crawlDelay`, 5 `.costly`, every
/// later host `.disallowPrivate`. With fewer than 5 hosts every host is
/// `.disallowPrivate`, so a small web keeps all its hosts crawlable. (The
/// normal profile answers 404 for `/robots.txt` everywhere.)
public enum RobotsVariant: String, Sendable, Hashable, CaseIterable {
    /// `User-agent: *` / `Disallow: /private/`.
    case disallowPrivate = "disallow-private"
    /// 404: nothing is disallowed (RFC 9309 §2.3.1.3).
    case notFound = "not-found"
    /// 500: RFC 9309 §2.3.1.4 says to assume complete disallow.
    case serverError = "server-error"
    /// `User-agent: *` / `Disallow: /`.
    case disallowAll = "disallow-all"
    /// `User-agent: *` / `Crawl-delay: 1` / `Disallow: /private/`: at most
    /// one request per second to this host.
    case crawlDelay = "crawl-delay"
    /// `Disallow: /private/` and then ~500 KiB of rules built to be slow to
    /// match (`Disallow: /*aaaa…ab`, `RobotsTxtSpecimen.longWildcards`):
    /// against `Trap.longPath` they cost a backtracking matcher about a
    /// second; trawl's matcher gives up within its budget, and the page is
    /// treated as disallowed.
    case costly

    /// The variant of host `index` in a web of `hostCount` hosts.
    public static func forHost(_ index: Int, of hostCount: Int) -> RobotsVariant {
        guard hostCount >= 5 else { return .disallowPrivate }
        switch index {
        case 1: return .notFound
        case 2: return .serverError
        case 3: return .disallowAll
        case 4: return .crawlDelay
        case 5: return .costly
        default: return .disallowPrivate
        }
    }

    /// The Sitemap: line of the `disallowPrivate` variant (a crawler records
    /// it; nothing is served there).
    public static let sitemapURL = "http://sitemaps.trawl.test/sitemap.xml"
    static let sitemapLine = "Sitemap: \(sitemapURL)\n"

    /// What the server answers for `/robots.txt`.
    func response(latency: Duration) -> SyntheticResponse {
        switch self {
        case .disallowPrivate:
            return .plain(200, "User-agent: *\nDisallow: /private/\n\(Self.sitemapLine)", latency: latency)
        case .notFound: return .notFound(latency: latency)
        case .serverError: return .plain(500, "internal server error\n", latency: latency)
        case .disallowAll: return .plain(200, "User-agent: *\nDisallow: /\n", latency: latency)
        case .crawlDelay:
            return .plain(200, "User-agent: *\nCrawl-delay: 1\nDisallow: /private/\n", latency: latency)
        case .costly: return .plain(200, Self.costlyBody, latency: latency)
        }
    }

    /// Built once: half a megabyte.
    private static let costlyBody: String = {
        let rules = RobotsTxtSpecimen.longWildcards.body.split(separator: "\n").dropFirst()  // its User-agent line
        var text = "User-agent: *\nDisallow: /private/\n"
        for rule in rules where text.utf8.count + rule.utf8.count < RobotsTxtSpecimen.byteLimit {
            text += rule + "\n"
        }
        return text
    }()

    /// Whether the file lets a crawler reach `Trap.longPath`: every variant
    /// that allows /trap/ does, except the costly one, whose rules no
    /// bounded matcher can clear for it.
    var allowsLongPath: Bool {
        switch self {
        case .disallowPrivate, .notFound, .crawlDelay: return true
        case .serverError, .disallowAll, .costly: return false
        }
    }

    /// The path prefix a robots-obeying crawler must not fetch, if any.
    var disallowedPrefix: String? {
        switch self {
        case .disallowPrivate, .crawlDelay, .costly: return "/private/"
        case .serverError, .disallowAll: return "/"
        case .notFound: return nil
        }
    }
}
