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

    @Test func theDefaultLowSpeedLimitIsAThousandBytesASecondOverTenSeconds() {
        #expect(FetchConfiguration().lowSpeedLimit == .init(bytesPerSecond: 1_000, duration: .seconds(10)))
    }

    @Test func theDefaultLowSpeedLimitDropsAServerDrippingAByteASecond() async throws {
        let url = "http://h0.trawl.test/trap/body/slow-drip"
        let run = try await CrawlHarness.crawl(Self.web, name: "drip", seeds: [url]) {
            // Far beyond the test's bound: only the low-speed limit can end it in time.
            $0.fetch.timeout = .seconds(120)
        }
        let record = try #require(run.pageLines.first)
        #expect(record["url"] as? String == url)
        #expect(record["error"] as? String == "timeout")
        let elapsed = try #require(record["elapsed_ms"] as? Double)
        #expect(elapsed >= 9_000 && elapsed < 15_000, "dropped after \(elapsed) ms")
    }

    /// The bomb inflates to 1 GiB. The body cap is checked on decoded bytes
    /// as libcurl inflates them in small pieces, so the transfer ends at the
    /// cap and the process never holds the inflated body: its peak RSS
    /// grows far less than 1 GiB.
    @Test(arguments: CrawlOptions.InProcessMode.allCases)
    func aGzipBombEndsTooLargeWithoutBeingInflatedInMemory(mode: CrawlOptions.InProcessMode) async throws {
        let url = "http://h0.trawl.test/trap/body/gzip-bomb"
        let before = ResourceUsage.sample().peakRSSBytes
        let run = try await CrawlHarness.crawl(Self.web, name: "bomb-\(mode.rawValue)", seeds: [url]) {
            $0.mode = CrawlOptions.Mode(rawValue: mode.rawValue)!
            $0.fetch.maxBodyBytes = 1 << 20
        }
        let grown = ResourceUsage.sample().peakRSSBytes - before
        let record = try #require(run.pageLines.first)
        #expect(record["error"] as? String == "too-large")
        #expect(record["error_detail"] as? String == "the body is larger than the limit of 1048576 bytes")
        #expect(grown < 512 << 20, "peak RSS grew by \(grown >> 20) MiB")
    }
}
