/// What fetching a host's /robots.txt means for crawling it (RFC 9309
/// §2.3.1). A pure policy: the fetcher reports what happened, this decides.
///
/// The fetcher follows redirects, at least five in a row and across hosts,
/// and the file it reaches governs the original host (§2.3.1.2); a status
/// still 3xx after that counts as "unavailable", like a 4xx.
public enum RobotsFetchOutcome: Sendable, Equatable {
    /// A 2xx: obey the file's rules.
    case rules(RobotsTxt)
    /// "Unavailable" (§2.3.1.3): any 4xx, 401 and 403 included; crawl freely.
    case allowAll
    /// "Unreachable" (§2.3.1.4): a 5xx or a network error; assume complete
    /// disallow (the crawler may keep a cached copy or, after a long
    /// outage such as 30 days, treat the file as unavailable instead).
    case disallowAll

    /// The outcome of an HTTP response with a final `status` and `body`.
    /// A status outside 200...599 is no answer at all: unreachable.
    public init(status: Int, body: some Collection<UInt8>) {
        switch status {
        case 200...299: self = .rules(RobotsTxt(parsing: body))
        case 300...499: self = .allowAll
        default: self = .disallowAll
        }
    }

    /// No HTTP response: DNS, connect, TLS or timeout failure.
    public static let unreachable = RobotsFetchOutcome.disallowAll

    /// The rules `userAgent` obeys under this outcome.
    public func rules(for userAgent: String) -> RobotsRules {
        switch self {
        case .rules(let robots): robots.rules(for: userAgent)
        case .allowAll: .allowAll
        case .disallowAll: .disallowAll
        }
    }
}
