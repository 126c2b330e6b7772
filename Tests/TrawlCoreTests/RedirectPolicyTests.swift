import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

struct RedirectPolicyTests {
    private static func url(_ text: String) -> WebURL { WebURL(text)!.normalizedForCrawl() }

    private static func policy(
        _ rule: CrawlScope.Rule = .host, seeds: [String] = ["http://a.example.com/"], maxRedirects: Int = 10
    ) -> RedirectPolicy {
        RedirectPolicy(scope: CrawlScope(rule: rule, seeds: seeds.map(url)), maxRedirects: maxRedirects)
    }

    private static func decide(
        _ policy: RedirectPolicy = policy(), chain: [String] = ["http://a.example.com/start"], status: Int = 302,
        location: String?
    ) -> RedirectPolicy.Decision {
        policy.decide(chain: chain.map(url), status: status, location: location)
    }

    /// The error a decision stops with; nil when it follows or is final.
    private static func stopCode(_ decision: RedirectPolicy.Decision) -> FetchError.Code? {
        guard case .stop(let code, _) = decision else { return nil }
        return code
    }

    // MARK: Following

    @Test(arguments: [301, 302, 303, 307, 308])
    func everyRedirectStatusIsFollowed(status: Int) {
        #expect(Self.decide(status: status, location: "http://a.example.com/next") == .follow(Self.url("http://a.example.com/next")))
    }

    @Test(arguments: [
        ("next", "http://a.example.com/next"),
        ("/x/../y?q=1#frag", "http://a.example.com/y?q=1"),
        ("//a.example.com/z", "http://a.example.com/z"),
        ("https://A.EXAMPLE.com:443/%7Euser", "https://a.example.com/~user"),
        ("  /padded\t", "http://a.example.com/padded"),
    ])
    func relativeLocationsResolveAgainstTheCurrentURLAndAreNormalized(location: String, expected: String) {
        let chain = ["http://a.example.com/dir/start", "http://a.example.com/start"]
        #expect(Self.decide(chain: chain, location: location) == .follow(WebURL(expected)!))
    }

    // MARK: Final responses

    @Test(arguments: [200, 300, 304, 305, 306, 404])
    func otherStatusesAreFinalEvenWithALocation(status: Int) {
        #expect(Self.decide(status: status, location: "http://a.example.com/next") == .final)
    }

    @Test(arguments: [nil, "", "   ", "\t"] as [String?])
    func aRedirectWithoutAUsableLocationIsFinal(location: String?) {
        #expect(Self.decide(location: location) == .final)
    }

    @Test func aLocationThatDoesNotParseIsFinal() {
        #expect(Self.decide(location: "http://[not-an-address/") == .final)
    }

    // MARK: Stops

    @Test(arguments: [
        ("ftp://a.example.com/file.txt", "ftp"), ("javascript:void(0)", "javascript"),
        ("data:text/html,<a>", "data"), ("mailto:me@a.example.com", "mailto"), ("FILE:///etc/passwd", "file"),
    ])
    func nonHTTPTargetsAreUnsupportedSchemes(location: String, scheme: String) {
        let decision = Self.decide(location: location)
        #expect(Self.stopCode(decision) == .unsupportedScheme)
        guard case .stop(_, let detail) = decision else { return }
        #expect(detail.hasPrefix("redirect from http://a.example.com/start to \(scheme):"))
        #expect(detail.hasSuffix("uses the scheme \(scheme):, not http or https"))
    }

    /// The scheme is the parsed target's: "ftp:rel" is absolute (a special
    /// scheme, then its host), tabs inside a scheme are removed and case is
    /// folded, as a browser resolving the Location would.
    @Test(arguments: ["ftp:rel", "JavaScript:void(0)", "java\tscript:void(0)", " \njavascript:void(0)"])
    func theSchemeIsJudgedAfterResolving(location: String) {
        #expect(Self.stopCode(Self.decide(location: location)) == .unsupportedScheme)
    }

    @Test func aRedirectToItselfIsALoopOfLengthOne() {
        let decision = Self.decide(chain: ["http://a.example.com/a"], location: "/a#again")
        #expect(decision == .stop(
            .redirectLoop,
            detail: "redirect from http://a.example.com/a to http://a.example.com/a#again returns to a URL this chain has already visited"))
    }

    @Test func aRedirectBackToTheFirstURLIsALoopOfLengthTwo() {
        let chain = ["http://a.example.com/a", "http://a.example.com/b"]
        let decision = Self.decide(chain: chain, location: "/a")
        #expect(decision == .stop(
            .redirectLoop,
            detail: "redirect from http://a.example.com/b to http://a.example.com/a returns to a URL this chain has already visited"))
    }

    @Test func aLoopIsCaughtAtOnceEvenWithTheLimitFarAway() {
        let decision = Self.decide(Self.policy(maxRedirects: 1_000), chain: ["http://a.example.com/a"], location: "/a")
        #expect(Self.stopCode(decision) == .redirectLoop)
    }

    @Test func sameURLOtherSchemeIsNoLoop() {
        let decision = Self.decide(chain: ["http://a.example.com/a"], location: "https://a.example.com/a")
        #expect(decision == .follow(Self.url("https://a.example.com/a")))
    }

    @Test func aTargetOffTheSeedHostsIsOutOfScope() {
        let decision = Self.decide(location: "http://elsewhere.example/trap")
        #expect(decision == .stop(
            .outOfScopeRedirect,
            detail: "redirect from http://a.example.com/start to http://elsewhere.example/trap leaves the crawl scope"))
    }

    @Test func hostScopeRefusesASiblingHostThatDomainScopeFollows() {
        let sibling = "http://b.example.com/page"
        #expect(Self.stopCode(Self.decide(Self.policy(.host), location: sibling)) == .outOfScopeRedirect)
        #expect(Self.decide(Self.policy(.domain), location: sibling) == .follow(Self.url(sibling)))
        #expect(Self.stopCode(Self.decide(Self.policy(.domain), location: "http://example.org/")) == .outOfScopeRedirect)
    }

    @Test func denyPatternsMakeATargetOutOfScope() throws {
        let scope = CrawlScope(
            rule: .host, seeds: [Self.url("http://a.example.com/")], deny: [try PatternMatcher("/private/", flag: "--deny")])
        let policy = RedirectPolicy(scope: scope, maxRedirects: 10)
        #expect(Self.stopCode(Self.decide(policy, location: "/private/1")) == .outOfScopeRedirect)
    }

    // MARK: The limit

    /// A chain of n URLs has n - 1 hops behind it; the next is hop n.
    private static func chain(of count: Int) -> [String] {
        (0..<count).map { "http://a.example.com/hop/\($0)" }
    }

    @Test func theLastHopWithinTheLimitIsFollowed() {
        let decision = Self.decide(Self.policy(maxRedirects: 3), chain: Self.chain(of: 3), location: "/hop/3")
        #expect(decision == .follow(Self.url("http://a.example.com/hop/3")))
    }

    @Test func theHopPastTheLimitIsTooManyRedirects() {
        let decision = Self.decide(Self.policy(maxRedirects: 3), chain: Self.chain(of: 4), location: "/hop/4")
        #expect(decision == .stop(
            .tooManyRedirects,
            detail: "redirect from http://a.example.com/hop/3 to http://a.example.com/hop/4 would be redirect 4, more than the limit of 3"))
    }

    @Test func aLimitOfZeroFollowsNothing() {
        #expect(Self.stopCode(Self.decide(Self.policy(maxRedirects: 0), location: "/next")) == .tooManyRedirects)
    }

    @Test func aLoopPastTheLimitIsStillALoop() {
        let decision = Self.decide(Self.policy(maxRedirects: 2), chain: Self.chain(of: 3), location: "/hop/0")
        #expect(Self.stopCode(decision) == .redirectLoop)
    }
}
