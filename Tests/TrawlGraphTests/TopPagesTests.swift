import Testing
@testable import TrawlGraph

struct TopPagesTests {
    @Test func highestFirstTiesInURLOrder() {
        let urls = ["http://b/", "http://a/z", "http://a/", "http://c/", "http://a/b"]
        let values = [2, 5, 2, 1, 2]
        let top = TopPages.select(4, values: values, urls: urls)
        #expect(top.map(\.url) == ["http://a/z", "http://a/", "http://a/b", "http://b/"])
        #expect(top.map(\.value) == [5, 2, 2, 2])
        #expect(top.map(\.id) == [1, 2, 4, 0])
    }

    /// Byte order, as `LC_ALL=C sort`: "Z" (0x5A) before "a" (0x61), and a
    /// prefix before its extensions.
    @Test func urlTiesCompareBytes() {
        let urls = ["http://a/b", "http://a/", "http://a/Z", "http://a"]
        #expect(TopPages.select(4, values: [1, 1, 1, 1], urls: urls).map(\.url) == ["http://a", "http://a/", "http://a/Z", "http://a/b"])
    }

    @Test func countBeyondTheNodesListsThemAll() {
        #expect(TopPages.select(10, values: [1.5, 2.5], urls: ["x", "y"]).map(\.url) == ["y", "x"])
        #expect(TopPages.select(0, values: [1.5, 2.5], urls: ["x", "y"]).isEmpty)
    }

    /// The fixture's five in-degree-2 pages tie; URL order decides.
    @Test func fixtureTopLists() throws {
        let summary = try GraphSummary(nodes: FixtureCrawl.nodes(), graph: FixtureCrawl.graph(), top: 7)
        #expect(summary.topByInDegree.map(\.value) == [4, 3, 2, 2, 2, 2, 2])
        #expect(summary.topByInDegree.map(\.url) == [
            "http://a.test/missing", "http://a.test/blog", "http://a.test/new", "http://a.test/report.pdf",
            "http://a.test/search?q=a,b", "http://b.test/", "http://b.test/y",
        ])
        #expect(summary.topByPageRank.map(\.id) == [7, 13, 6, 2, 10, 8, 15])
        // Three exact ties, each of pages ranked by one and the same share:
        // 9 and 14 (from 8), 0 and 3 (from 2), 1 and 5 (from 0).
        let all = try GraphSummary(nodes: FixtureCrawl.nodes(), graph: FixtureCrawl.graph(), top: 17).topByPageRank
        #expect(all.map(\.id) == [7, 13, 6, 2, 10, 8, 15, 11, 9, 14, 0, 3, 4, 12, 16, 1, 5])
        #expect(all[8].value == all[9].value && all[10].value == all[11].value && all[15].value == all[16].value)
    }
}
