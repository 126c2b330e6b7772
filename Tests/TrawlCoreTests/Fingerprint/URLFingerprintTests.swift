import Testing
@testable import TrawlCore

struct URLFingerprintTests {
    @Test func equalURLsHaveEqualFingerprints() {
        let url = "http://h1.trawl.test/page/42"
        let built = "http://h1.trawl.test/" + "page/" + String(42)
        #expect(URLFingerprint(url) == URLFingerprint(built))
        #expect(url.utf8.withContiguousStorageIfAvailable { URLFingerprint(bytes: UnsafeRawBufferPointer($0)) } == URLFingerprint(url))
    }

    @Test func distinctURLsDiffer() {
        let urls = (0..<1_000).map { "http://h\($0 % 7).trawl.test/page/\($0)" } + ["", "http://a/", "http://a"]
        #expect(Set(urls.map(URLFingerprint.init)).count == urls.count)
    }

    @Test func zeroIsNeverAFingerprint() {
        #expect(URLFingerprint(hash: 0).rawValue == 1)
        #expect(URLFingerprint(hash: 5).rawValue == 5)
    }
}
