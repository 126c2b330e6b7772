import Testing
@testable import TrawlCore

/// A page retried without holding its host: it waits alone, its host's
/// other pages go on, and the depth gate still counts it.
struct FrontierRetryWaitTests {
    @Test func onlyThePageWaitsWhenTheHostIsNotHeld() {
        var frontier = Frontier(limits: .init(perHost: 1))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        let first = frontier.next(at: .zero)!
        frontier.retry(first, notBefore: .seconds(1), holdingHost: false)
        // The host's other page goes at once; the retried one waits.
        let second = frontier.next(at: .milliseconds(10))!
        #expect(second.url == "http://a/2")
        frontier.complete(second)
        #expect(frontier.next(at: .milliseconds(20)) == nil)
        #expect(!frontier.isFinished)
        #expect(frontier.nextWakeUp == .seconds(1))
        let again = frontier.next(at: .seconds(1))!
        #expect(again.url == "http://a/1" && again.attempt == 1)
        frontier.complete(again)
        #expect(frontier.isFinished && frontier.nextWakeUp == nil)
    }

    @Test func aHeldHostWaitsWhole() {
        var frontier = Frontier(limits: .init(perHost: 1))
        frontier.discover("http://a/1", hostKey: "http://a", depth: 0)
        frontier.discover("http://a/2", hostKey: "http://a", depth: 0)
        let first = frontier.next(at: .zero)!
        frontier.retry(first, notBefore: .seconds(1))
        #expect(frontier.next(at: .milliseconds(10)) == nil)
        #expect(frontier.next(at: .seconds(1))?.url == "http://a/1")
    }

    @Test func aWaitingRetryHoldsTheDepthGate() {
        var frontier = Frontier(limits: .init(perHost: 4))
        frontier.discover("http://a/0", hostKey: "http://a", depth: 0)
        let seed = frontier.next(at: .zero)!
        frontier.retry(seed, notBefore: .seconds(1), holdingHost: false)
        frontier.discover("http://a/deep", hostKey: "http://a", depth: 2)
        // Depth 2 may not go while a depth-0 page is still pending.
        #expect(frontier.next(at: .milliseconds(1)) == nil)
        #expect(frontier.minimumPendingDepth() == 0)
    }
}
