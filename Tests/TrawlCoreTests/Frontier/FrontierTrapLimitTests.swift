import Testing
@testable import TrawlCore

/// The frontier's trap limits: what each refuses, that seeds are spared,
/// and that the report's counts are of distinct URLs.
struct FrontierTrapLimitTests {
    static let host = "http://a.test"

    @Test func tooManyPathSegmentsAreRefusedButSeedsAreNot() {
        var frontier = Frontier(limits: .init(maxPathSegments: 3))
        let deep = Self.host + "/1/2/3/4"
        #expect(frontier.discover(deep, hostKey: Self.host, depth: 0) == .queued)  // a seed
        #expect(frontier.discover(Self.host + "/a/b/c", hostKey: Self.host, depth: 1) == .queued)
        #expect(frontier.discover(Self.host + "/a/b/c/d", hostKey: Self.host, depth: 1) == .pathTrap(.maxPathSegments))
        #expect(frontier.discover(Self.host + "/a/b/c/d", hostKey: Self.host, depth: 1) == .known)
        #expect(frontier.refusals.byName == ["max-path-segments": 1])
    }

    @Test func repeatedSegmentsAreRefused() {
        var frontier = Frontier(limits: .init(maxPathRepeats: 2))
        #expect(frontier.discover(Self.host + "/a/b/a/b/", hostKey: Self.host, depth: 1) == .queued)
        #expect(frontier.discover(Self.host + "/a/b/a/b/a/b/", hostKey: Self.host, depth: 2) == .pathTrap(.pathRepeats))
        #expect(frontier.refusals.byName == ["max-path-repeats": 1])
    }

    @Test func aPathCalendarIsCappedPerShape() {
        var frontier = Frontier(limits: .init(maxPathVariants: 3))
        var outcomes: [DiscoveryOutcome] = []
        for month in 1...5 {
            outcomes.append(frontier.discover(Self.host + "/cal/2031/\(month)", hostKey: Self.host, depth: month))
        }
        #expect(outcomes == [.queued, .queued, .queued, .pathTrap(.maxPathVariants), .pathTrap(.maxPathVariants)])
        // Another shape, and another host, have room of their own.
        #expect(frontier.discover(Self.host + "/page/1", hostKey: Self.host, depth: 1) == .queued)
        #expect(frontier.discover("http://b.test/cal/2031/1", hostKey: "http://b.test", depth: 1) == .queued)
        #expect(frontier.refusals.byName == ["max-path-variants": 2])
    }

    @Test func aURLRefusedByOneLimitUsesNoRoomUnderAnother() {
        var frontier = Frontier(limits: .init(maxQueryVariants: 1, maxPathVariants: 1))
        #expect(frontier.discover(Self.host + "/p/1?a", hostKey: Self.host, depth: 1) == .queued)
        #expect(frontier.discover(Self.host + "/p/1?b", hostKey: Self.host, depth: 1) == .tooManyQueryVariants)
        #expect(frontier.discover(Self.host + "/p/2", hostKey: Self.host, depth: 1) == .pathTrap(.maxPathVariants))
        #expect(frontier.refusals.byName == ["max-query-variants": 1, "max-path-variants": 1])
    }

    @Test func maxDepthRefusalsStopCountingOnceAShorterPathAdmitsThem() {
        var frontier = Frontier(limits: .init(maxDepth: 1))
        #expect(frontier.discover(Self.host + "/x", hostKey: Self.host, depth: 2) == .beyondMaxDepth)
        #expect(frontier.discover(Self.host + "/y", hostKey: Self.host, depth: 3) == .beyondMaxDepth)
        #expect(frontier.refusals.byName == ["max-depth": 2])
        #expect(frontier.discover(Self.host + "/x", hostKey: Self.host, depth: 1) == .queued)
        #expect(frontier.refusals.byName == ["max-depth": 1])
    }

    @Test func aSpentPageBudgetWithWorkLeftIsAStop() {
        var frontier = Frontier(limits: .init(maxPages: 1))
        frontier.discover(Self.host + "/", hostKey: Self.host, depth: 0)
        frontier.discover(Self.host + "/b", hostKey: Self.host, depth: 0)
        let job = frontier.next(at: .zero)!
        frontier.complete(job)
        #expect(frontier.isFinished && frontier.stoppedByPageBudget)

        var exact = Frontier(limits: .init(maxPages: 1))
        exact.discover(Self.host + "/", hostKey: Self.host, depth: 0)
        exact.complete(exact.next(at: .zero)!)
        #expect(exact.isFinished && !exact.stoppedByPageBudget)
    }

    @Test func anUnreadableRobotsTxtGivesItsPagesItsOwnKind() {
        var frontier = Frontier(limits: .init(obeyRobots: true))
        frontier.discover(Self.host + "/", hostKey: Self.host, depth: 0)
        let robots = frontier.next(at: .zero)!
        #expect(robots.kind == .robots)
        frontier.completeRobots(robots, rules: .disallowAll, unavailable: "http://a.test/robots.txt answered HTTP 503")
        let page = frontier.next(at: .zero)!
        #expect(page.kind == .robotsUnavailable("http://a.test/robots.txt answered HTTP 503"))
        #expect(page.kind.makesNoRequest)
    }
}

struct FrontierBadPortTests {
    @Test func linksToBadPortsAreRefusedButSeedsAreNot() {
        var frontier = Frontier(limits: .init(refuseBadPorts: true))
        #expect(frontier.discover("http://a.test:6667/", hostKey: "http://a.test:6667", depth: 0) == .queued)
        #expect(frontier.discover("http://b.test:25/x", hostKey: "http://b.test:25", depth: 1) == .pathTrap(.badPort))
        #expect(frontier.discover("http://b.test:8080/x", hostKey: "http://b.test:8080", depth: 1) == .queued)
        #expect(frontier.discover("http://[::1]:110/", hostKey: "http://[::1]:110", depth: 1) == .pathTrap(.badPort))
        #expect(frontier.discover("http://[::1]/", hostKey: "http://[::1]", depth: 1) == .queued)
        #expect(frontier.refusals.byName == ["bad-port": 2])
    }

    @Test func badPortsAreAllowedWhenAsked() {
        var frontier = Frontier(limits: .init(refuseBadPorts: false))
        #expect(frontier.discover("http://b.test:25/x", hostKey: "http://b.test:25", depth: 1) == .queued)
    }
}
