import Testing
@testable import TrawlCore

struct FrontierTests {
    private func makeFrontier(perHost: Int = 8, maxDepth: Int? = nil, maxPages: Int? = nil) -> Frontier {
        Frontier(limits: .init(maxDepth: maxDepth, maxPages: maxPages, perHost: perHost))
    }

    /// Drains every job that may start now.
    private func drain(_ frontier: inout Frontier) -> [CrawlJob] {
        var jobs: [CrawlJob] = []
        while let job = frontier.next(at: .zero) { jobs.append(job) }
        return jobs
    }

    @Test func duplicateURLsAreQueuedOnce() {
        var frontier = makeFrontier()
        #expect(frontier.discover("http://a/", hostKey: "http://a", depth: 0) == .queued)
        #expect(frontier.discover("http://a/", hostKey: "http://a", depth: 0) == .known)
        #expect(frontier.discover("http://a/", hostKey: "http://a", depth: 3) == .known)
        #expect(drain(&frontier).map(\.url) == ["http://a/"])
        #expect(frontier.knownCount == 1)
    }

    @Test func perHostLimitHoldsUntilAFetchCompletes() {
        var frontier = makeFrontier(perHost: 2)
        for i in 0..<4 { frontier.discover("http://a/\(i)", hostKey: "http://a", depth: 0) }
        let first = drain(&frontier)
        #expect(first.map(\.url) == ["http://a/0", "http://a/1"])
        #expect(frontier.inFlight == 2 && frontier.queued == 2)
        frontier.complete(first[0])
        #expect(drain(&frontier).map(\.url) == ["http://a/2"])
    }

    @Test func hostsAreServedRoundRobin() {
        var frontier = makeFrontier(perHost: 10)
        for i in 0..<3 {
            frontier.discover("http://a/\(i)", hostKey: "http://a", depth: 0)
            frontier.discover("http://b/\(i)", hostKey: "http://b", depth: 0)
        }
        #expect(drain(&frontier).map(\.url) == ["http://a/0", "http://b/0", "http://a/1", "http://b/1", "http://a/2", "http://b/2"])
    }

    @Test func aLimitedHostDoesNotBlockOthers() {
        var frontier = makeFrontier(perHost: 1)
        frontier.discover("http://a/0", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://b/0", hostKey: "http://b", depth: 0)
        #expect(drain(&frontier).map(\.url) == ["http://a/0", "http://b/0"])
    }

    /// The depth gate: nothing two levels below an unfinished page starts,
    /// and a shorter path found meanwhile lowers the queued depth.
    @Test func depthIsShortestDistanceWhateverTheCompletionOrder() {
        var frontier = makeFrontier()
        frontier.discover("http://a/", hostKey: "http://a", depth: 0)
        let root = drain(&frontier)
        frontier.complete(root[0])
        frontier.discover("http://a/slow", hostKey: "http://a", depth: 1)
        frontier.discover("http://a/fast", hostKey: "http://a", depth: 1)
        let level1 = drain(&frontier)
        #expect(level1.map(\.url) == ["http://a/slow", "http://a/fast"])
        // fast finishes first and leads to mid (depth 2), which may start.
        frontier.complete(level1[1])
        frontier.discover("http://a/mid", hostKey: "http://a", depth: 2)
        let mid = drain(&frontier)
        #expect(mid.map(\.depth) == [2])
        // mid finishes and reaches target at depth 3: gated, slow (depth 1) is unfinished.
        frontier.complete(mid[0])
        frontier.discover("http://a/target", hostKey: "http://a", depth: 3)
        #expect(frontier.next(at: .zero) == nil)
        // slow finishes and links target directly: depth 2, now dispatched.
        frontier.complete(level1[0])
        frontier.discover("http://a/target", hostKey: "http://a", depth: 2)
        let target = drain(&frontier)
        #expect(target.map(\.url) == ["http://a/target"])
        #expect(target.map(\.depth) == [2])
        frontier.complete(target[0])
        #expect(frontier.isFinished)
    }

    @Test func maxDepthRemembersDeeperURLsWithoutQueueingThem() {
        var frontier = makeFrontier(maxDepth: 1)
        #expect(frontier.discover("http://a/deep", hostKey: "http://a", depth: 2) == .beyondMaxDepth)
        #expect(frontier.queued == 0)
        #expect(frontier.discover("http://a/deep", hostKey: "http://a", depth: 1) == .queued)
        #expect(drain(&frontier).map(\.url) == ["http://a/deep"])
    }

    @Test func maxPagesStopsHandingOutJobs() {
        var frontier = makeFrontier(maxPages: 2)
        for i in 0..<5 { frontier.discover("http://a/\(i)", hostKey: "http://a", depth: 0) }
        let jobs = drain(&frontier)
        #expect(jobs.count == 2)
        #expect(!frontier.isFinished)
        jobs.forEach { frontier.complete($0) }
        #expect(frontier.isFinished)
        #expect(frontier.next(at: .zero) == nil)
    }

    @Test func completingAnUnknownJobIsIgnored() {
        var frontier = makeFrontier()
        frontier.complete(CrawlJob(url: "http://x/", depth: 0, hostID: 0))
        #expect(frontier.isFinished)
    }
}

struct FrontierCeilingTests {
    /// The processes-mode ceiling holds dispatch at or above the level an
    /// outside shard still has pending, on top of the frontier's own gate.
    @Test func ceilingHoldsBackDeeperLevels() {
        var frontier = Frontier(limits: .init(perHost: 10))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 3)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 4)
        #expect(frontier.minimumPendingDepth() == 3)
        frontier.depthCeiling = 2
        #expect(frontier.next(at: .zero) == nil)
        frontier.depthCeiling = 3
        #expect(frontier.next(at: .zero)?.url == "http://a/1")
        #expect(frontier.next(at: .zero) == nil)
        frontier.depthCeiling = nil
        let job = frontier.next(at: .zero)
        #expect(job?.url == "http://a/2")
        #expect(frontier.minimumPendingDepth() == 3)
    }
}

/// robots.txt, per-host delay and retries: politeness that never holds a
/// slot, driven with time as a number.
struct FrontierPolitenessTests {
    private func drain(_ frontier: inout Frontier, at now: Duration = .zero) -> [CrawlJob] {
        var jobs: [CrawlJob] = []
        while let job = frontier.next(at: now) { jobs.append(job) }
        return jobs
    }

    @Test func aHostsRobotsTxtIsFetchedBeforeItsFirstPageAndOtherHostsGoOnMeanwhile() {
        var frontier = Frontier(limits: .init(perHost: 4, obeyRobots: true))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        frontier.discover("http://b/1", hostKey: "http://b", depth: 0)
        let first = drain(&frontier)
        #expect(first.map(\.url) == ["http://a/robots.txt", "http://b/robots.txt"])
        #expect(first.allSatisfy { $0.kind == .robots })
        frontier.completeRobots(first[1], rules: RobotsTxt("User-agent: *\nDisallow: /").rules(for: "trawl"))
        let b = drain(&frontier)
        #expect(b.map(\.url) == ["http://b/1"] && b[0].kind == .disallowed)
        frontier.complete(b[0])
        frontier.completeRobots(first[0], rules: .allowAll)
        #expect(drain(&frontier).map(\.url) == ["http://a/1", "http://a/2"])
        #expect(frontier.dispatched == 3)
    }

    @Test func robotsTxtIsAskedForOncePerHost() {
        var frontier = Frontier(limits: .init(perHost: 1, obeyRobots: true))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        let robots = drain(&frontier)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        #expect(drain(&frontier).isEmpty)
        frontier.completeRobots(robots[0], rules: .allowAll)
        let page = drain(&frontier)
        #expect(page.map(\.url) == ["http://a/1"])
        frontier.complete(page[0])
        #expect(drain(&frontier).map(\.url) == ["http://a/2"])
    }

    @Test func aHostInsideItsDelayIsParkedWithoutBlockingOthers() {
        var frontier = Frontier(limits: .init(perHost: 8, delay: .milliseconds(100)))
        for i in 0..<2 { frontier.discover("http://a/\(i)", hostKey: "http://a", depth: 0) }
        frontier.discover("http://b/0", hostKey: "http://b", depth: 0)
        #expect(drain(&frontier, at: .zero).map(\.url) == ["http://a/0", "http://b/0"])
        #expect(frontier.nextWakeUp == .milliseconds(100))
        #expect(drain(&frontier, at: .milliseconds(99)).isEmpty)
        #expect(drain(&frontier, at: .milliseconds(100)).map(\.url) == ["http://a/1"])
        #expect(frontier.inFlight == 3)
    }

    @Test func crawlDelayRaisesTheDelayUpToTheCap() {
        var frontier = Frontier(limits: .init(perHost: 8, obeyRobots: true, delay: .milliseconds(10), maxCrawlDelay: .seconds(5)))
        for i in 0..<3 { frontier.discover("http://a/\(i)", hostKey: "http://a", depth: 0) }
        let robots = drain(&frontier)
        frontier.completeRobots(robots[0], rules: RobotsTxt("User-agent: *\nCrawl-delay: 2").rules(for: "trawl"))
        #expect(drain(&frontier, at: .seconds(1)).map(\.url) == ["http://a/0"])
        #expect(drain(&frontier, at: .milliseconds(2_999)).isEmpty)
        #expect(drain(&frontier, at: .seconds(3)).map(\.url) == ["http://a/1"])
        var capped = Frontier(limits: .init(perHost: 8, obeyRobots: true, maxCrawlDelay: .seconds(5)))
        capped.discover("http://c/0", hostKey: "http://c", depth: 0)
        capped.discover("http://c/1", hostKey: "http://c", depth: 0)
        let job = drain(&capped)
        capped.completeRobots(job[0], rules: RobotsTxt("User-agent: *\nCrawl-delay: 3600").rules(for: "trawl"))
        #expect(drain(&capped).count == 1)
        #expect(capped.nextWakeUp == .seconds(5))
    }

    @Test func aRetriedPageGoesFirstAfterItsWaitAndCountsOnce() {
        var frontier = Frontier(limits: .init(maxPages: 2, perHost: 1))
        frontier.discover("http://a/0", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        let first = drain(&frontier)
        #expect(first.map(\.url) == ["http://a/0"])
        frontier.retry(first[0], notBefore: .seconds(2))
        #expect(frontier.inFlight == 0 && frontier.queued == 2 && frontier.dispatched == 0)
        #expect(drain(&frontier, at: .seconds(1)).isEmpty)
        #expect(frontier.nextWakeUp == .seconds(2))
        let again = drain(&frontier, at: .seconds(2))
        #expect(again.map(\.url) == ["http://a/0"] && again[0].attempt == 1)
        frontier.complete(again[0])
        #expect(drain(&frontier, at: .seconds(2)).map(\.url) == ["http://a/1"])
        #expect(frontier.dispatched == 2)
    }
}

struct FrontierHostLimitTests {
    @Test func aHostAdmitsAtMostMaxPagesPerHostURLs() {
        var frontier = Frontier(limits: .init(perHost: 8, maxPagesPerHost: 2))
        #expect(frontier.discover("http://a/0", hostKey: "http://a", depth: 0) == .queued)
        #expect(frontier.discover("http://a/1", hostKey: "http://a", depth: 1) == .queued)
        #expect(frontier.discover("http://a/2", hostKey: "http://a", depth: 1) == .hostFull)
        #expect(frontier.discover("http://b/0", hostKey: "http://b", depth: 0) == .queued)
        #expect(frontier.discover("http://a/2", hostKey: "http://a", depth: 0) == .known)
        #expect(frontier.queued == 3 && frontier.knownCount == 4)
    }

    @Test func queryVariantsOfOnePathAreCapped() {
        var frontier = Frontier(limits: .init(maxQueryVariants: 2))
        let outcomes = (1...4).map { frontier.discover("http://a/cal?month=\($0)", hostKey: "http://a", depth: 1) }
        #expect(outcomes == [.queued, .queued, .tooManyQueryVariants, .tooManyQueryVariants])
        #expect(frontier.discover("http://a/other?month=1", hostKey: "http://a", depth: 1) == .queued)
        #expect(frontier.discover("http://a/cal", hostKey: "http://a", depth: 1) == .queued)
    }
}
