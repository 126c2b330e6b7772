import Testing
@testable import TrawlCore

struct CrawlWideLimitsTests {
    @Test func noLimitNeverStops() {
        #expect(CrawlWideLimits().reached(elapsed: .seconds(1_000_000), residentBytes: Int.max / 2) == nil)
    }

    @Test func maxTimeStopsAtTheDeadline() {
        let limits = CrawlWideLimits(maxTime: .seconds(10))
        #expect(limits.reached(elapsed: .milliseconds(9_999), residentBytes: 0) == nil)
        #expect(limits.reached(elapsed: .seconds(10), residentBytes: 0) == "max-time")
    }

    @Test func maxMemoryStopsBeforeTheLimitIsReached() {
        let limits = CrawlWideLimits(maxMemoryBytes: 100 << 20)
        #expect(limits.reached(elapsed: .zero, residentBytes: 89 << 20) == nil)
        #expect(limits.reached(elapsed: .zero, residentBytes: 90 << 20) == "max-memory")
    }

    @Test func theFirstReasonAskedForWins() {
        let request = StopRequest()
        #expect(request.current == nil)
        request.request("max-time")
        request.request("max-memory")
        #expect(request.current == "max-time")
    }
}
