import Testing
@testable import TrawlCore

struct RetryPolicyTests {
    @Test func theDefaultStatusesAreCurlsAndScrapys() {
        let policy = RetryPolicy()
        for status in [408, 429, 500, 502, 503, 504] { #expect(policy.isTransient(status: status), "\(status)") }
        for status in [200, 301, 400, 403, 404, 501, 505] { #expect(!policy.isTransient(status: status), "\(status)") }
    }

    @Test func retryOnReplacesTheSet() {
        var policy = RetryPolicy()
        policy.statuses = [503]
        #expect(policy.isTransient(status: 503))
        #expect(!policy.isTransient(status: 500))
    }
}
