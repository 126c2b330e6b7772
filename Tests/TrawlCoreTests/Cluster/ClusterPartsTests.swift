import Testing
import TrawlFetch
@testable import TrawlCore

/// The pure parts of a shared-frontier crawl: the fingerprint every
/// process must agree on, and a redirect chain's trip through Redis.
struct ClusterPartsTests {
    /// The SipHash-2-4 paper's vectors (appendix A), key 00 01 … 0f.
    @Test(arguments: [(0, 0x726f_db47_dd0e_0e31 as UInt64), (15, 0xa129_ca61_49be_45e5)])
    func fingerprintsAreSipHash24(length: Int, expected: UInt64) {
        let key = ClusterFingerprint(k0: 0x0706_0504_0302_0100, k1: 0x0f0e_0d0c_0b0a_0908)
        let message = (0..<length).map { UInt8($0) }
        #expect(message.withUnsafeBufferPointer { key.hash($0) } == expected)
    }

    @Test func aRedirectChainSurvivesItsTripThroughTheFrontier() throws {
        let hop = RedirectHop(origin: "http://a.test/", fetched: ["http://a.test/", "http://b.test/x"], statuses: [301, 302],
                              timings: FetchTimings(dns: .milliseconds(1.5), connect: .milliseconds(2), total: .milliseconds(40)),
                              wallMilliseconds: 41.25)
        #expect(try HopPayload.decode(HopPayload.encode(hop)) == hop)
        #expect(throws: TrawlError.self) { try HopPayload.decode("zz") }
    }
}
