import Testing
import TrawlFetch
@testable import TrawlCore

/// A redirect hop goes back through the frontier: it frees its page's slot
/// at once, then waits for its own host's gates (robots.txt, delay,
/// per-host limit) holding none; the chain's first URL stays in flight.
struct FrontierRedirectTests {
    private static func follow(_ job: CrawlJob, to target: String, hostKey: String) -> RedirectFollow {
        let fetched = (job.redirect?.fetched ?? []) + [job.url]
        let hop = RedirectHop(origin: job.recordURL, fetched: fetched, statuses: fetched.map { _ in 301 }, timings: FetchTimings(), wallMilliseconds: 0)
        return RedirectFollow(target: target, hostKey: hostKey, hop: hop)
    }

    @Test func aHopToANewHostWaitsForItsRobotsTxtAndIsJudgedByIt() throws {
        var frontier = Frontier(limits: .init(perHost: 1, obeyRobots: true))
        frontier.discover("http://a/go", hostKey: "http://a", depth: 0)
        let robotsANext = frontier.next(at: .zero)
        let robotsA = try #require(robotsANext)
        frontier.completeRobots(robotsA, rules: .allowAll)
        let pageNext = frontier.next(at: .zero)
        let page = try #require(pageNext)
        #expect(page.url == "http://a/go")

        frontier.redirect(page, to: Self.follow(page, to: "http://b/private/x", hostKey: "http://b"))
        // b's robots.txt first; the hop waits for it.
        let robotsBNext = frontier.next(at: .zero)
        let robotsB = try #require(robotsBNext)
        #expect(robotsB.kind == .robots && robotsB.url == "http://b/robots.txt")
        #expect(frontier.next(at: .zero) == nil)
        let rules = RobotsTxt("User-agent: *\nDisallow: /private/\n").rules(for: "trawl")
        frontier.completeRobots(robotsB, rules: rules)

        let hopNext = frontier.next(at: .zero)
        let hop = try #require(hopNext)
        #expect(hop.kind == .disallowed && hop.url == "http://b/private/x" && hop.recordURL == "http://a/go")
        #expect(!frontier.isFinished)
        frontier.complete(hop)
        #expect(frontier.isFinished)
        #expect(frontier.inFlight == 0)
    }

    @Test func aHopFreesItsPagesSlotAndRespectsItsOwnHostsDelay() throws {
        var frontier = Frontier(limits: .init(perHost: 1, delay: .seconds(2)))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        let firstNext = frontier.next(at: .zero)
        let first = try #require(firstNext)
        // Same host: the hop waits out a's delay, and a/2 waits too.
        frontier.redirect(first, to: Self.follow(first, to: "http://a/moved", hostKey: "http://a"))
        #expect(frontier.next(at: .seconds(1)) == nil)
        #expect(frontier.nextWakeUp == .seconds(2))
        let hopNext = frontier.next(at: .seconds(2))
        let hop = try #require(hopNext)
        #expect(hop.url == "http://a/moved" && hop.redirect?.origin == "http://a/1")
        frontier.complete(hop)
        let secondNext = frontier.next(at: .seconds(4))
        let second = try #require(secondNext)
        #expect(second.url == "http://a/2")
    }

    @Test func aHopGoesOnAfterThePageBudgetIsSpent() throws {
        var frontier = Frontier(limits: .init(maxPages: 1))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        let firstNext = frontier.next(at: .zero)
        let first = try #require(firstNext)
        frontier.redirect(first, to: Self.follow(first, to: "http://a/moved", hostKey: "http://a"))
        let hopNext = frontier.next(at: .zero)
        let hop = try #require(hopNext)
        #expect(hop.url == "http://a/moved")
        #expect(frontier.next(at: .zero) == nil)
        frontier.complete(hop)
        #expect(frontier.isFinished && frontier.stoppedByPageBudget)
    }

    @Test func aTrapRuleRefusesAHopAndARetriedHopKeepsItsChain() throws {
        var frontier = Frontier(limits: .init(maxPathSegments: 2))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        let firstNext = frontier.next(at: .zero)
        let first = try #require(firstNext)
        frontier.redirect(first, to: Self.follow(first, to: "http://a/x/y/z", hostKey: "http://a"))
        let refusedNext = frontier.next(at: .zero)
        let refused = try #require(refusedNext)
        #expect(refused.kind == .refusedRedirect(
            "redirect from http://a/1 to http://a/x/y/z is refused by the max-path-segments limit"))
        frontier.complete(refused)
        #expect(frontier.isFinished)

        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        let secondNext = frontier.next(at: .zero)
        let second = try #require(secondNext)
        frontier.redirect(second, to: Self.follow(second, to: "http://a/x", hostKey: "http://a"))
        let hopNext = frontier.next(at: .zero)
        let hop = try #require(hopNext)
        frontier.retry(hop, notBefore: .seconds(5), holdingHost: false)
        #expect(frontier.next(at: .seconds(1)) == nil)
        #expect(frontier.nextWakeUp == .seconds(5))
        let againNext = frontier.next(at: .seconds(5))
        let again = try #require(againNext)
        #expect(again.url == "http://a/x" && again.attempt == 1 && again.redirect == hop.redirect)
        frontier.complete(again)
        #expect(frontier.isFinished)
    }
}
