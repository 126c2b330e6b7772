import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SyntheticWeb
import Testing
import TrawlFetch
import TrawlURL
@testable import TrawlCore

/// The graph exports beyond edges.csv, from a real crawl in every mode:
/// redirects as edges and as fetched nodes, nodes.csv and edges-ids.csv
/// agreeing with edges.csv, the host tables, link counts in GraphML and
/// DOT, and the new pages.jsonl fields (referrer, redirects, timings,
/// fetched_at).
@Suite(.timeLimit(.minutes(3)))
struct GraphExportsTests {
    static let host = "http://h0.trawl.test"
    static let other = "http://h1.trawl.test"
    static let web = SyntheticWeb(handWritten: [
        // "/a" is linked twice: one edge, count 2.
        HandWrittenPage(url: "\(host)/", links: ["\(host)/a", "\(host)/r", "\(host)/a", "\(other)/x"]),
        HandWrittenPage(url: "\(host)/a", links: ["\(host)/gone"]),
        HandWrittenPage(url: "\(host)/r", status: 301, location: "/s"),
        HandWrittenPage(url: "\(host)/s", status: 302, location: "\(other)/y"),
        HandWrittenPage(url: "\(host)/gone", status: 404),
        HandWrittenPage(url: "\(other)/x", links: ["\(host)/"]),
        HandWrittenPage(url: "\(other)/y"),
    ])

    /// Rows of an RFC 4180 file (quoted fields may hold commas, quotes and
    /// line breaks), header included.
    static func csvRows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(field)
                field = ""
            } else if character == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(character)
            }
        }
        return rows
    }

    @Test(arguments: [CrawlOptions.Mode.async, .threads, .pool, .processes])
    func redirectsNodesAndTablesAgree(mode: CrawlOptions.Mode) async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "graph-\(mode)", seeds: ["\(Self.host)/"]) { options in
            options.mode = mode
            options.scopeRule = .any
        }
        #expect(run.result.report.completed)
        #expect(run.edgesCSV == CrawlHarness.truthCSV(Self.web))

        // redirects.csv: each hop, sorted, with its status.
        #expect(try Self.csvRows(run.directory + "/redirects.csv") == [
            ["source", "target", "status"],
            ["\(Self.host)/r", "\(Self.host)/s", "301"],
            ["\(Self.host)/s", "\(Self.other)/y", "302"],
        ])

        // nodes.csv: ids in URL order; the redirected URLs are fetched
        // nodes with their 3xx; a link target never fetched has no status.
        let nodeRows = try Self.csvRows(run.directory + "/nodes.csv")
        #expect(nodeRows.first == ["id", "url", "host", "status", "content_type", "bytes", "depth", "error", "title", "fetched_at"])
        let nodes = nodeRows.dropFirst()
        let urls = nodes.map { $0[1] }
        #expect(urls == urls.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(nodes.map { $0[0] } == (0..<nodes.count).map(String.init))
        let byURL = Dictionary(uniqueKeysWithValues: nodes.map { ($0[1], $0) })
        #expect(byURL["\(Self.host)/r"]?[3] == "301")
        #expect(byURL["\(Self.host)/s"]?[3] == "302")
        #expect(byURL["\(Self.host)/gone"]?[3] == "404")
        #expect(byURL["\(Self.host)/gone"]?[7] == "http-4xx")
        #expect(byURL["\(Self.other)/y"]?[2] == "h1.trawl.test")
        #expect(byURL["\(Self.host)/a"]?[6] == "1")
        #expect(byURL["\(Self.host)/a"]?[9].hasSuffix("Z") == true)
        #expect(run.result.report.edgeSet.nodes == nodes.count)

        // edges-ids.csv: edges.csv's rows, in its order, as ids.
        let edgeRows = try Self.csvRows(run.directory + "/edges.csv").dropFirst()
        let idRows = try Self.csvRows(run.directory + "/edges-ids.csv")
        #expect(idRows.first == ["source_id", "target_id"])
        #expect(idRows.dropFirst().map { $0.map { urls[Int($0)!] } } == edgeRows.map { $0 })

        // The host tables.
        #expect(try Self.csvRows(run.directory + "/host-edges.csv") == [
            ["source_host", "target_host", "links"],
            ["h0.trawl.test", "h0.trawl.test", "3"],
            ["h0.trawl.test", "h1.trawl.test", "1"],
            ["h1.trawl.test", "h0.trawl.test", "1"],
        ])
        let hosts = try Self.csvRows(run.directory + "/hosts.csv")
        #expect(hosts.first == ["host", "pages", "errors", "bytes", "links_out", "links_in"])
        #expect(hosts.dropFirst().map { [$0[0], $0[1], $0[2], $0[4], $0[5]] } == [
            ["h0.trawl.test", "5", "1", "4", "4"],
            ["h1.trawl.test", "2", "0", "1", "1"],
        ])

        // GraphML and DOT: link edges with their count, redirect edges.
        let dot = try String(contentsOfFile: run.directory + "/graph.dot", encoding: .utf8)
        #expect(dot.contains("\"\(Self.host)/\" -> \"\(Self.host)/a\" [kind=link, count=2];"))
        #expect(dot.contains("\"\(Self.host)/a\" -> \"\(Self.host)/gone\" [kind=link, count=1];"))
        #expect(dot.contains("\"\(Self.host)/r\" -> \"\(Self.host)/s\" [kind=redirect, status=301, color=blue];"))
        let graphML = try String(contentsOfFile: run.directory + "/graph.graphml", encoding: .utf8)
        #expect(graphML.contains("<edge source=\"\(Self.host)/\" target=\"\(Self.host)/a\"><data key=\"kind\">link</data><data key=\"nofollow\">false</data><data key=\"count\">2</data></edge>"))
        #expect(graphML.contains("<edge source=\"\(Self.host)/s\" target=\"\(Self.other)/y\"><data key=\"kind\">redirect</data><data key=\"redirect_status\">302</data></edge>"))
        #expect(XMLParser(data: Data(graphML.utf8)).parse())

        // pages.jsonl: referrer, redirects, timings, fetched_at.
        let pages = Dictionary(uniqueKeysWithValues: run.pageLines.map { ($0["url"] as! String, $0) })
        #expect(pages["\(Self.host)/"]?["referrer"] is NSNull)
        #expect(pages["\(Self.host)/a"]?["referrer"] as? String == "\(Self.host)/")
        #expect(pages["\(Self.host)/gone"]?["referrer"] as? String == "\(Self.host)/a")
        let redirected = try #require(pages["\(Self.host)/r"])
        #expect(redirected["final_url"] as? String == "\(Self.other)/y")
        let hops = try #require(redirected["redirects"] as? [[String: Any]])
        #expect(hops.map { $0["url"] as? String } == ["\(Self.host)/r", "\(Self.host)/s"])
        #expect(hops.map { $0["status"] as? Int } == [301, 302])
        let timings = try #require(pages["\(Self.host)/a"]?["timings"] as? [String: Any])
        #expect(Set(timings.keys) == ["dns", "connect", "tls", "first_byte", "total"])
        #expect((timings["total"] as? Double ?? 0) > 0)
        let fetchedAt = try #require(pages["\(Self.host)/a"]?["fetched_at"] as? String)
        #expect(fetchedAt.count == "2026-12-04T05:41:54.123Z".count && fetchedAt.hasSuffix("Z"))
        #expect(pages["\(Self.host)/a"]?["etag"] == nil)
    }

    private static func processed(_ html: String, headers: [(name: String, value: String)] = []) -> PageOutcome {
        let page = "http://a.test/"
        let processor = PageProcessor(scope: CrawlScope(rule: .host, seeds: [WebURL(page)!]))
        let response = FetchResponse(url: page, finalURL: page, status: 200, contentType: "text/html", headers: headers,
                                     body: Array(html.utf8), redirectCount: 0, httpVersion: "1.1", timings: FetchTimings())
        return processor.outcome(for: CrawlJob(url: page, depth: 0, hostID: 0), result: .success(response), wallMilliseconds: 1)
    }

    @Test func edgesCountTheirLinksAndAreNofollowOnlyIfEveryLinkIs() {
        let outcome = Self.processed("""
            <a href="/x" rel="nofollow">1</a><a href="/y">2</a><a href="/x" rel="nofollow">3</a>
            <a href="/y" rel="nofollow">4</a><a href="/z">5</a>
            """)
        #expect(outcome.edgeTargets == ["http://a.test/x", "http://a.test/y", "http://a.test/z"])
        #expect(outcome.edgeAttributes == [
            EdgeAttributes(count: 2, nofollow: true), EdgeAttributes(count: 2, nofollow: false), .single,
        ])
        #expect(outcome.follow.map(\.url) == ["http://a.test/y", "http://a.test/z"])
    }

    @Test func aPageOfSingleFollowedLinksCarriesNoAttributes() {
        #expect(Self.processed(#"<a href="/x">1</a><a href="/y">2</a>"#).edgeAttributes == [])
    }

    @Test func metaRobotsNofollowMarksEveryEdge() {
        let outcome = Self.processed(#"<meta name="robots" content="nofollow"><a href="/x">1</a><a href="/y">2</a>"#)
        #expect(outcome.edgeAttributes == [EdgeAttributes(count: 1, nofollow: true), EdgeAttributes(count: 1, nofollow: true)])
        #expect(outcome.follow.isEmpty)
    }

    @Test func validatorsAndTheFetchTimeAreRecorded() throws {
        let before = Timestamp.nowMilliseconds()
        let outcome = Self.processed("<p>hi</p>", headers: [("ETag", #""v1""#), ("Last-Modified", "Tue, 01 Dec 2026 10:00:00 GMT")])
        #expect(outcome.record.etag == #""v1""#)
        #expect(outcome.record.lastModified == "Tue, 01 Dec 2026 10:00:00 GMT")
        let fetchedAt = try #require(outcome.record.fetchedAt)
        #expect(fetchedAt >= before && fetchedAt <= Timestamp.nowMilliseconds())
        #expect(outcome.record.jsonLine.hasSuffix(#","etag":"\"v1\"","last_modified":"Tue, 01 Dec 2026 10:00:00 GMT"}"#))
    }

    @Test func timestampsAreRFC3339WithMilliseconds() {
        #expect(Timestamp.rfc3339Milliseconds(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339Milliseconds(1_796_362_914_123) == "2026-12-04T05:41:54.123Z")
        #expect(Timestamp.rfc3339Milliseconds(-1) == "1969-12-31T23:59:59.999Z")
    }
}
