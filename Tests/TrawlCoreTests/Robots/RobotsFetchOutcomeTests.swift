import Testing
import TrawlCore

struct RobotsFetchOutcomeTests {
    private let body = Array("user-agent: *\ndisallow: /private\n".utf8)

    @Test(arguments: [200, 203, 299])
    func successObeysTheFile(status: Int) {
        let outcome = RobotsFetchOutcome(status: status, body: body)
        #expect(outcome == .rules(RobotsTxt(parsing: body)))
        #expect(!outcome.rules(for: "trawl").isAllowed(path: "/private"))
        #expect(outcome.rules(for: "trawl").isAllowed(path: "/public"))
    }

    /// "Unavailable" (RFC 9309 §2.3.1.3): 401 and 403 too; and a redirect
    /// chain longer than the fetcher follows.
    @Test(arguments: [400, 401, 403, 404, 410, 429, 451, 499, 301, 308])
    func unavailableAllowsEverything(status: Int) {
        let outcome = RobotsFetchOutcome(status: status, body: body)
        #expect(outcome == .allowAll)
        #expect(outcome.rules(for: "trawl").isAllowed(path: "/private"))
    }

    /// "Unreachable" (§2.3.1.4): server errors and no response at all.
    @Test(arguments: [500, 502, 503, 599, 0, 100, 600])
    func unreachableDisallowsEverythingButRobotsTxt(status: Int) {
        let outcome = RobotsFetchOutcome(status: status, body: body)
        #expect(outcome == .disallowAll)
        #expect(!outcome.rules(for: "trawl").isAllowed(path: "/public"))
        #expect(outcome.rules(for: "trawl").isAllowed(path: "/robots.txt"))
        #expect(RobotsFetchOutcome.unreachable == .disallowAll)
    }
}
