import Testing
@testable import TrawlRedis

struct RedisBackoffTests {
    @Test func delaysDoubleFromOneHundredMillisecondsToAFiveSecondCap() {
        let delays = (1...9).map { RedisBackoff.standard.nominalDelay(afterFailures: $0) }
        #expect(delays == [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000].map { Duration.milliseconds($0) })
    }

    @Test func withoutJitterTheDelayIsTheNominalOne() {
        var generator = SystemRandomNumberGenerator()
        let backoff = RedisBackoff(jitter: 0)
        #expect((1...4).map { backoff.delay(afterFailures: $0, using: &generator) }
            == [100, 200, 400, 800].map { Duration.milliseconds($0) })
    }

    @Test func jitterShortensEachWaitByAtMostAQuarter() {
        var generator = SystemRandomNumberGenerator()
        for failures in 1...10 {
            let nominal = RedisBackoff.standard.nominalDelay(afterFailures: failures)
            for _ in 0..<100 {
                let delay = RedisBackoff.standard.delay(afterFailures: failures, using: &generator)
                #expect(delay <= nominal && delay >= nominal * 0.75)
            }
        }
    }

    @Test func jitterIsClampedToZeroThroughOne() {
        #expect(RedisBackoff(jitter: 3).jitter == 1)
        #expect(RedisBackoff(jitter: -1).jitter == 0)
    }
}
