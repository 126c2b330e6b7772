import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

/// A robots.txt follows its redirects in place, through the address guard
/// (each hop is its own transfer, judged on the address it connects to): a
/// hop the guard refuses leaves the file unreadable, which RFC 9309 reads
/// as "disallow all", and the host's pages say robots-unavailable.
struct RobotsRedirectGuardTests {
    @Test func aRobotsTxtRedirectedToARefusedAddressIsUnavailable() {
        let processor = PageProcessor(scope: CrawlScope(rule: .host, seeds: []))
        let job = CrawlJob(url: "http://a.test/robots.txt", depth: 0, hostID: 0, kind: .robots)
        let refused = FetchError(code: .addressRefused, url: "http://meta.test/robots.txt",
                                 message: "169.254.169.254 is link-local (169.254.0.0/16): refused; --allow-link-local allows it")
        let outcome = processor.outcome(for: job, result: .failure(refused), wallMilliseconds: 1)
        #expect(outcome.robots == .disallowAll)
        #expect(outcome.robotsUnavailable == "http://a.test/robots.txt could not be fetched [address-refused]: "
            + "169.254.169.254 is link-local (169.254.0.0/16): refused; --allow-link-local allows it")
        #expect(outcome.sitemaps.isEmpty)
    }

    @Test func aRobotsTxtChainKeepsItsOwnPolicyAndTheCrawlsLengthLimit() {
        let pages = RedirectPolicy(scope: CrawlScope(rule: .host, seeds: []), maxRedirects: 10, maxURLLength: 100)
        let robots = pages.applying(to: CrawlJob(url: "http://a.test/robots.txt", depth: 0, hostID: 0, kind: .robots))
        #expect(robots.maxRedirects == 5 && robots.maxURLLength == 100)
        let long = "http://b.test/" + String(repeating: "r", count: 100)
        guard case .stop(let code, _) = robots.decide(chain: [WebURL("http://a.test/robots.txt")!], status: 301, location: long) else {
            Issue.record("a 114-byte Location was followed")
            return
        }
        #expect(code == .refusedRedirect)
    }
}
