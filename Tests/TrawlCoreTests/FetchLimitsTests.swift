import Foundation
import SyntheticWeb
import Testing
import TrawlCore
import TrawlFetch

/// The fetch limits that keep a hostile server from holding a slot or
/// filling memory, through the whole crawler against the hostile web.
@Suite(.timeLimit(.minutes(1)))
struct FetchLimitsTests {
    static let web = HostileCrawlTests.web

    /// What drops a server dripping a byte a second within ~10 s (checked
    /// end to end, in every mode, by `HostileCrawlTests`).
    @Test func theDefaultLowSpeedLimitIsAThousandBytesASecondOverTenSeconds() {
        #expect(FetchConfiguration().lowSpeedLimit == .init(bytesPerSecond: 1_000, duration: .seconds(10)))
    }

    /// The bomb inflates to 1 GiB. The body cap is checked on decoded bytes
    /// as libcurl inflates them in small pieces, so the transfer ends at the
    /// cap and the process never holds the inflated body: its peak RSS
    /// grows far less than 1 GiB. One strategy is enough: every fetcher decodes through the same easy
    /// handle callbacks (and `HostileCrawlTests` sees `too-large` in each).
    @Test func aGzipBombEndsTooLargeWithoutBeingInflatedInMemory() async throws {
        let url = "http://h0.trawl.test/trap/body/gzip-bomb"
        let before = ResourceUsage.sample().peakRSSBytes
        let run = try await CrawlHarness.crawl(Self.web, name: "bomb", seeds: [url]) {
            $0.fetch.maxBodyBytes = 1 << 20
        }
        let grown = ResourceUsage.sample().peakRSSBytes - before
        let record = try #require(run.pageLines.first)
        #expect(record["error"] as? String == "too-large")
        #expect(record["error_detail"] as? String == "the body is larger than the limit of 1048576 bytes")
        #expect(grown < 512 << 20, "peak RSS grew by \(grown >> 20) MiB")
    }
}
