import Testing
import TrawlFetch

struct FetchErrorTests {
    @Test func codesHaveStableRawValues() {
        let codes: [FetchError.Code] = [
            .dns, .connect, .timeout, .tooLarge, .tooManyRedirects, .redirectLoop, .outOfScopeRedirect,
            .unsupportedScheme, .tls, .reset, .badEncoding, .badResponse, .cancelled, .addressRefused, .other,
        ]
        #expect(codes.map(\.rawValue) == [
            "dns", "connect", "timeout", "too-large", "too-many-redirects", "redirect-loop", "out-of-scope-redirect",
            "unsupported-scheme", "tls", "reset", "bad-encoding", "bad-response", "cancelled", "address-refused", "other",
        ])
        #expect(FetchError.Code(rawValue: "quota") != .other)
    }

    @Test func descriptionNamesTheURL() {
        let error = FetchError(code: .timeout, url: "http://a.test/x", message: "Operation timed out", curlCode: 28)
        #expect(error.description == "fetching http://a.test/x failed [timeout]: Operation timed out (curl 28)")
    }

    @Test func noResponseUnlessOneIsGiven() {
        let error = FetchError(code: .connect, url: "http://a.test/", message: "refused")
        #expect(error.status == nil)
        #expect(error.bytesReceived == 0)
        let partial = FetchError(code: .timeout, url: "http://a.test/", message: "slow", curlCode: 28, status: 200, bytesReceived: 1000)
        #expect(partial.status == 200)
        #expect(partial.bytesReceived == 1000)
    }
}
