import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

/// The hop-by-hop loop without a network: responses are made up, as each
/// fetcher would return them with libcurl's own following off.
struct RedirectChainTests {
    private static let start = "http://a.test/start"

    private static func chain(maxRedirects: Int = 10) -> RedirectChain {
        let scope = CrawlScope(rule: .host, seeds: [WebURL("http://a.test/")!])
        return RedirectChain(policy: RedirectPolicy(scope: scope, maxRedirects: maxRedirects), url: start)
    }

    private static func response(
        _ url: String, status: Int, location: String? = nil, body: String = "", milliseconds: Int64
    ) -> Result<FetchResponse, FetchError> {
        let headers = location.map { [(name: "Location", value: $0)] } ?? []
        let timings = FetchTimings(
            dns: .milliseconds(1), connect: .milliseconds(2), firstByte: .milliseconds(milliseconds - 1),
            total: .milliseconds(milliseconds))
        return .success(FetchResponse(
            url: url, finalURL: url, status: status, contentType: "text/html", headers: headers,
            body: Array(body.utf8), redirectCount: 0, httpVersion: "1.1", timings: timings))
    }

    private static func failure(_ result: Result<FetchResponse, FetchError>) throws -> FetchError {
        guard case .failure(let error) = result else { throw ExpectedAFailure() }
        return error
    }

    private struct ExpectedAFailure: Error {}

    @Test func theFinalResponseIsTheLastHopsWithTimingsSummed() throws {
        var chain = Self.chain()
        var result = Self.response(Self.start, status: 301, location: "/b", body: "moved", milliseconds: 10)
        #expect(chain.nextHop(after: &result) == "http://a.test/b")
        result = Self.response("http://a.test/b", status: 302, location: "c", body: "moved", milliseconds: 20)
        #expect(chain.nextHop(after: &result) == "http://a.test/c")
        result = Self.response("http://a.test/c", status: 200, body: "<p>page</p>", milliseconds: 40)
        #expect(chain.nextHop(after: &result) == nil)

        let response = try result.get()
        #expect(response.url == Self.start)
        #expect(response.finalURL == "http://a.test/c")
        #expect(response.status == 200)
        #expect(response.redirectCount == 2)
        #expect(response.body == Array("<p>page</p>".utf8))
        #expect(response.timings == FetchTimings(
            dns: .milliseconds(3), connect: .milliseconds(6), firstByte: .milliseconds(67),
            total: .milliseconds(70), redirect: .milliseconds(30)))
    }

    @Test func aResponseWithoutRedirectIsUnchanged() throws {
        var chain = Self.chain()
        var result = Self.response(Self.start, status: 404, body: "gone", milliseconds: 5)
        #expect(chain.nextHop(after: &result) == nil)
        let response = try result.get()
        #expect(response.status == 404)
        #expect(response.redirectCount == 0)
        #expect(response.timings.total == .milliseconds(5))
        #expect(response.timings.redirect == .zero)
    }

    @Test func aRedirectWithoutLocationIsTheFinalResponse() throws {
        var chain = Self.chain()
        var result = Self.response(Self.start, status: 302, body: "nowhere", milliseconds: 5)
        #expect(chain.nextHop(after: &result) == nil)
        #expect(try result.get().status == 302)
    }

    @Test func aStoppedChainFailsForTheURLAskedFor() throws {
        var chain = Self.chain()
        var result = Self.response(Self.start, status: 301, location: "/b", milliseconds: 1)
        #expect(chain.nextHop(after: &result) == "http://a.test/b")
        result = Self.response("http://a.test/b", status: 301, location: "/start", milliseconds: 1)
        #expect(chain.nextHop(after: &result) == nil)
        let error = try Self.failure(result)
        #expect(error.code == .redirectLoop)
        #expect(error.url == Self.start)
        #expect(error.message == "redirect from http://a.test/b to http://a.test/start returns to a URL this chain has already visited")
    }

    @Test func aFailedHopFailsTheFetchAndNamesTheHop() throws {
        var chain = Self.chain()
        var result = Self.response(Self.start, status: 307, location: "/slow", milliseconds: 1)
        #expect(chain.nextHop(after: &result) == "http://a.test/slow")
        result = .failure(FetchError(code: .timeout, url: "http://a.test/slow", message: "Operation timed out", curlCode: 28))
        #expect(chain.nextHop(after: &result) == nil)
        let error = try Self.failure(result)
        #expect(error.code == .timeout)
        #expect(error.url == Self.start)
        #expect(error.curlCode == 28)
        #expect(error.message == "Operation timed out (fetching http://a.test/slow, redirect 1 from http://a.test/start)")
    }

    @Test func aFailedFirstFetchIsReportedAsItIs() throws {
        var chain = Self.chain()
        let failure = FetchError(code: .dns, url: Self.start, message: "Could not resolve host", curlCode: 6)
        var result: Result<FetchResponse, FetchError> = .failure(failure)
        #expect(chain.nextHop(after: &result) == nil)
        let error = try Self.failure(result)
        #expect(error.message == failure.message)
        #expect(error.url == failure.url)
    }
}
