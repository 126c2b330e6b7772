import Testing
import TrawlCore

struct LinkFilterTests {
    @Test func matchingQueryParametersAreStrippedAndTheRestKeptInOrder() throws {
        let filter = LinkFilter(stripQueryParameters: [try PatternMatcher("^(utm_|sessionid$)", flag: "--strip-query-params")])
        #expect(filter.apply(to: "http://a/p?id=3&utm_source=x&sessionid=9&q=a%26b") == "http://a/p?id=3&q=a%26b")
        #expect(filter.apply(to: "http://a/p?utm_medium=1&sessionid=2") == "http://a/p")
        #expect(filter.apply(to: "http://a/p?sessionidx=1") == "http://a/p?sessionidx=1")
        #expect(filter.apply(to: "http://a/p") == "http://a/p")
    }

    @Test func withoutPatternsAURLIsUntouched() {
        #expect(LinkFilter().apply(to: "http://a/p?utm_source=x") == "http://a/p?utm_source=x")
    }

    @Test func onlyURLsUpToTheLengthLimitAreFetched() {
        let filter = LinkFilter(maxURLLength: 20)
        #expect(filter.mayFetch("http://a/0123456789a"))
        #expect(!filter.mayFetch("http://a/0123456789ab"))
    }
}
