import Testing
import TrawlFetch
@testable import TrawlCore

struct RetryPolicyTests {
    @Test func theDefaultStatusesAreCurlsAndScrapys() {
        let policy = RetryPolicy()
        for status in [408, 429, 500, 502, 503, 504] { #expect(policy.isTransient(status: status), "\(status)") }
        for status in [200, 301, 400, 403, 404, 501, 505] { #expect(!policy.isTransient(status: status), "\(status)") }
    }

    /// A broken connection or a timeout may pass; a reply too large for
    /// libcurl, or not HTTP, is the same on the next try.
    @Test func onlyFailuresThatMayPassAreRetried() {
        for code in [FetchError.Code.connect, .timeout, .reset] { #expect(RetryPolicy.isTransient(code), "\(code)") }
        for code in [FetchError.Code.tooLarge, .badResponse, .dns, .tls, .addressRefused, .other] {
            #expect(!RetryPolicy.isTransient(code), "\(code)")
        }
    }

    @Test func retryOnReplacesTheSet() {
        var policy = RetryPolicy()
        policy.statuses = [503]
        #expect(policy.isTransient(status: 503))
        #expect(!policy.isTransient(status: 500))
    }
}
