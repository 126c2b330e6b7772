import Testing
@testable import TrawlFetch

/// The blocking path the thread-per-request fetchers will use: the same
/// configuration and completion code as the multi loop, driven by
/// curl_easy_perform.
struct EasyHandleTests {
    @Test func performsABlockingTransferAndIsReusable() async throws {
        try await FixtureServer.withServer { server in
            let handle = try #require(EasyHandle(configuration: FetchConfiguration()))
            for path in ["/redirect/2", "/gzip"] {
                try handle.prepare(url: server.url(path))
                let response = try handle.perform().get().response()
                #expect(response.status == 200)
                #expect(response.url == server.url(path))
            }
            try handle.prepare(url: "http://127.0.0.1:1/")
            #expect(throws: FetchError.self) { try handle.perform().get() }
        }
    }

    @Test func parsesHeaderLines() {
        let raw = Array("Content-Type: text/html\r\nX-Folded: a\r\n  b\r\nEmpty:\r\nCaf\u{e9}: ok\r\n".utf8)
        let headers = FinishedTransfer.parseHeaders(raw)
        #expect(headers.map(\.name) == ["Content-Type", "X-Folded", "Empty", "Caf\u{e9}"])
        #expect(headers.map(\.value) == ["text/html", "a b", "", "ok"])
        let latin1 = FinishedTransfer.parseHeaders([0x58, 0x3a, 0x20, 0xe9, 0x0d, 0x0a])
        #expect(latin1.first?.value == "\u{e9}")
    }

    @Test func durationsRoundUpToCurlUnits() {
        #expect(Duration.milliseconds(300).curlMilliseconds == 300)
        #expect(Duration.microseconds(1).curlMilliseconds == 1)
        #expect(Duration.zero.curlMilliseconds == 0)
        #expect(Duration.milliseconds(1500).curlSeconds == 2)
    }
}

struct FileDescriptorLimitTests {
    @Test func raisesTheSoftLimitToTheHardLimit() {
        let limits = FileDescriptorLimit.raiseSoftLimitToHard()
        #expect(limits.soft == limits.hard)
        #expect(limits.soft > 0)
    }
}
