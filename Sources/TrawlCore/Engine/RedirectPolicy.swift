import TrawlFetch
import TrawlURL

/// Judges one redirect hop. libcurl follows no redirect for a crawl: every
/// 3xx comes back to the strategy, which asks this policy whether the next
/// hop may be fetched at all. So a hostile server can lead trawl neither out
/// of the crawl scope nor to another scheme, nor hand it a URL longer than
/// any link may be, nor a password to send; and a loop is caught at its
/// first repeat rather than by running into the limit. (The gates that need
/// the frontier's state, robots.txt, politeness and the trap rules, judge
/// the hop there: see `Frontier.redirect`.) Pure: a chain and a response
/// in, a decision out.
struct RedirectPolicy: Sendable {
    enum Decision: Sendable, Equatable {
        /// Fetch this URL next (resolved against the current URL and
        /// normalized as the frontier normalizes links).
        case follow(WebURL)
        /// The response is the final one: not a redirect status, or a
        /// redirect without a usable `Location`.
        case final
        /// The chain fails with this error; `detail` names the hop.
        case stop(FetchError.Code, detail: String)
    }

    /// The statuses that redirect. 300 (a choice for the user), 304 (not a
    /// redirect at all) and 305/306 (deprecated, unused) are final responses.
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    var scope: CrawlScope
    /// The most hops one fetch follows (`--max-redirects`).
    var maxRedirects: Int
    /// `--timeout`: the whole chain's transfers share it.
    var timeout: Duration = FetchConfiguration().timeout
    /// `--max-url-length`: a `Location` longer than a link may be is refused.
    var maxURLLength = LinkFilter().maxURLLength

    /// The policy for `job`: a robots.txt follows its redirects to any
    /// http(s) host, up to five hops (RFC 9309 §2.3.1.2: "at least five
    /// consecutive redirects, even across authorities"), whatever the crawl
    /// scope; a page follows this policy.
    func applying(to job: CrawlJob) -> RedirectPolicy {
        guard job.kind == .robots else { return self }
        return RedirectPolicy(scope: CrawlScope(rule: .any, seeds: []), maxRedirects: 5, timeout: timeout,
                              maxURLLength: maxURLLength)
    }

    /// Decides what follows a response with `status` and `location` (its
    /// `Location` header, if any) to the last URL of `chain`: the URLs
    /// fetched so far, normalized, the one asked for first (never empty).
    ///
    /// The target loses any user name and password (a page may not make
    /// trawl send credentials: they come from the user only).
    ///
    /// When a hop breaks several rules, the error names the first of:
    /// unsupported scheme, loop, out of scope, too long, too many
    /// redirects. The count comes last because the others refuse the hop
    /// whatever the count, so they say more about it.
    func decide(chain: [WebURL], status: Int, location: String?) -> Decision {
        guard Self.redirectStatuses.contains(status), let current = chain.last,
              let location, !Self.isBlank(location),
              let target = WebURL(location, base: current)
        else { return .final }
        let hop = "redirect from \(Self.abbreviated(current.href)) to \(Self.abbreviated(target.href))"
        guard target.isHTTP else {
            return .stop(.unsupportedScheme, detail: "\(hop) uses the scheme \(target.scheme):, not http or https")
        }
        let next = target.withoutCredentials().normalizedForCrawl()
        if chain.contains(next) {
            return .stop(.redirectLoop, detail: "\(hop) returns to a URL this chain has already visited")
        }
        guard scope.contains(next) else {
            return .stop(.outOfScopeRedirect, detail: "\(hop) leaves the crawl scope")
        }
        let length = next.href.utf8.count
        guard length <= maxURLLength else {
            return .stop(.refusedRedirect, detail: "\(hop) is \(length) bytes long, more than --max-url-length \(maxURLLength)")
        }
        // `chain.count - 1` hops are behind; this one would be hop `chain.count`.
        guard chain.count <= maxRedirects else {
            return .stop(.tooManyRedirects, detail: "\(hop) would be redirect \(chain.count), more than the limit of \(maxRedirects)")
        }
        return .follow(next)
    }

    /// A URL as an error message may quote it: a hostile `Location` can
    /// be megabytes long.
    static func abbreviated(_ href: String) -> String {
        href.utf8.count <= 200 ? href : String(decoding: href.utf8.prefix(200), as: UTF8.self) + "…"
    }

    /// A `Location` that is empty, or only the spaces and C0 controls the
    /// URL parser strips, would resolve to the current URL itself: it is no
    /// target at all, and must not read as a loop.
    private static func isBlank(_ text: String) -> Bool {
        !text.utf8.contains { $0 > 0x20 }
    }
}

extension FetchError.Code {
    /// A redirect hop a gate refused: a `Location` longer than
    /// `--max-url-length`, or a trap rule (path segments, repeats, digit
    /// variants, a bad port).
    static let refusedRedirect = FetchError.Code(rawValue: "refused-redirect")
}
