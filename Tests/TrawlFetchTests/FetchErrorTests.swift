import Testing
import TrawlFetch

struct FetchErrorTests {
    @Test func codesHaveStableRawValues() {
        let codes: [FetchError.Code] = [
            .dns, .connect, .timeout, .tooLarge, .tooManyRedirects, .redirectLoop, .outOfScopeRedirect,
            .unsupportedScheme, .tls, .reset, .badResponse, .cancelled, .other,
        ]
        #expect(codes.map(\.rawValue) == [
            "dns", "connect", "timeout", "too-large", "too-many-redirects", "redirect-loop", "out-of-scope-redirect",
            "unsupported-scheme", "tls", "reset", "bad-response", "cancelled", "other",
        ])
        #expect(FetchError.Code(rawValue: "quota") != .other)
    }

    @Test func descriptionNamesTheURL() {
        let error = FetchError(code: .timeout, url: "http://a.test/x", message: "Operation timed out", curlCode: 28)
        #expect(error.description == "fetching http://a.test/x failed [timeout]: Operation timed out (curl 28)")
    }
}
