import Foundation
import Testing
@testable import TrawlGraph

struct GraphSummaryTests {
    static func fixtureSummary(top: Int = 3) throws -> GraphSummary {
        try FixtureCrawl.withFolder { try GraphSummary(folder: CrawlFolder(path: $0), top: top) }
    }

    @Test func countsLinksRedirectsAndFetchedNodes() throws {
        let summary = try Self.fixtureSummary()
        #expect(summary.nodeCount == 17)
        #expect(summary.fetchedCount == 15)
        #expect((summary.edgeCount, summary.linkEdgeCount, summary.redirectEdgeCount, summary.sharedEdgeCount) == (27, 26, 2, 1))
        #expect((summary.componentCount, summary.nontrivialComponentCount, summary.largestComponentSize) == (10, 2, 5))
    }

    /// The README shows this output.
    @Test func textReport() throws {
        let text = try Self.fixtureSummary().text(brokenLimit: 2, referrerLimit: 2)
        #expect(text == """
            nodes  17  15 fetched
            edges  27  26 links, 2 redirect hops (1 also a link)

                        min  p50  p90  p99  max  mean
            in-degree     1    1    3    4    4  1.59
            out-degree    0    2    4    4    4  1.59

            in-degree histogram (nodes per degree range)
                0   0
                1  10  ########################################
              2-3   6  ########################
              4-7   1  ####

            out-degree histogram (nodes per degree range)
                0  5  ############################
                1  3  #################
              2-3  7  ########################################
              4-7  2  ###########

            top 3 pages by in-degree
              in-degree  url
                      4  http://a.test/missing
                      3  http://a.test/blog
                      2  http://a.test/new

            top 3 pages by PageRank (damping 0.85, 29 iterations)
                pagerank  url
              0.09970244  http://a.test/missing
              0.09778351  http://a.test/report.pdf
              0.07959717  http://a.test/new

            strongly connected components: 10, 2 of more than one page, the largest 5 pages

            broken links: 3 failed URLs that pages link or redirect to (status or error, URL, referring pages)
              404   http://a.test/missing  (4 pages)
                    http://a.test/blog/1
                    http://a.test/blog/2
                    ... and 2 more pages
              503   http://a.test/down  (1 page)
                    http://a.test/about
              ... and 1 more failed URL

            """)
    }

    @Test func jsonParsesBackWithItsKeysInOrder() throws {
        let json = try Self.fixtureSummary().json()
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let keys = [
            "nodes", "fetched_nodes", "edges", "link_edges", "redirect_edges", "link_and_redirect_edges", "in_degree", "out_degree",
            "top_by_in_degree", "pagerank", "top_by_pagerank", "strongly_connected_components", "broken_links",
        ]
        #expect(Set(document.keys) == Set(keys))
        // JSONSerialization forgets the order; the text keeps it.
        let offsets = keys.map { json.range(of: "\n  \"\($0)\":")?.lowerBound }
        #expect(!offsets.contains(nil))
        #expect(offsets.compactMap { $0 } == offsets.compactMap { $0 }.sorted())

        #expect(document["nodes"] as? Int == 17)
        #expect(document["link_and_redirect_edges"] as? Int == 1)
        let inDegree = try #require(document["in_degree"] as? [String: Any])
        #expect(["min", "p50", "p90", "p99", "max"].map { inDegree[$0] as? Int } == [1, 1, 3, 4, 4])
        #expect(inDegree["mean"] as? Double == 27.0 / 17)
        let buckets = try #require(inDegree["histogram"] as? [[String: Any]])
        #expect(buckets.map { $0["degrees"] as? String } == ["0", "1", "2-3", "4-7"])
        #expect(buckets.map { $0["nodes"] as? Int } == [0, 10, 6, 1])

        let pageRank = try #require(document["pagerank"] as? [String: Any])
        #expect(pageRank["damping"] as? Double == 0.85)
        #expect(pageRank["tolerance"] as? Double == 1e-12)
        let top = try #require(document["top_by_pagerank"] as? [[String: Any]])
        #expect(top.map { $0["url"] as? String } == ["http://a.test/missing", "http://a.test/report.pdf", "http://a.test/new"])
        #expect(abs((top.first?["pagerank"] as? Double ?? 0) - PageRankTests.networkxRanks[7]) < 1e-9)
        let components = try #require(document["strongly_connected_components"] as? [String: Int])
        #expect(components == ["count": 10, "nontrivial": 2, "largest_size": 5])

        // JSON lists every broken link and referrer unless told otherwise.
        let broken = try #require(document["broken_links"] as? [String: Any])
        #expect(broken["targets"] as? Int == 3)
        let listed = try #require(broken["listed"] as? [[String: Any]])
        #expect(listed.map { $0["url"] as? String } == ["http://a.test/missing", "http://a.test/down", "http://c.test/"])
        #expect(listed.map { $0["referring_pages"] as? Int } == [4, 1, 1])
        #expect((listed[0]["referrers"] as? [String])?.count == 4)
        #expect(listed[1]["error"] is NSNull)
        #expect(listed[2]["status"] is NSNull && listed[2]["error"] as? String == "dns")
    }

    @Test func jsonLimitsCutTheListsButKeepTheTotals() throws {
        let json = try Self.fixtureSummary().json(brokenLimit: 1, referrerLimit: 2)
        let document = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let broken = try #require(document["broken_links"] as? [String: Any])
        #expect(broken["targets"] as? Int == 3)
        let listed = try #require(broken["listed"] as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(listed[0]["referring_pages"] as? Int == 4)
        #expect(listed[0]["referrers"] as? [String] == ["http://a.test/blog/1", "http://a.test/blog/2"])
    }

    /// Quotes, backslashes and control characters in a URL still parse.
    @Test func jsonEscapesStrings() throws {
        let text = JSONValue.object([("s", .string("a\"b\\c\nd\u{1}é"))]).serialized
        #expect(text == #"{"s": "a\"b\\c\nd\u0001é"}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(parsed == ["s": "a\"b\\c\nd\u{1}é"])
    }

    @Test func emptyCrawlSummarizes() throws {
        let files = ["nodes.csv": "id,url,host,status,content_type,bytes,depth,error,title,fetched_at\n", "edges-ids.csv": "source_id,target_id\n"]
        let summary = try FixtureCrawl.withFolder(files) { try GraphSummary(folder: CrawlFolder(path: $0), top: 20) }
        #expect(summary.nodeCount == 0 && summary.edgeCount == 0 && summary.componentCount == 0)
        #expect(summary.text().hasSuffix("broken links: none\n"))
        #expect((try JSONSerialization.jsonObject(with: Data(summary.json().utf8))) is [String: Any])
    }
}
