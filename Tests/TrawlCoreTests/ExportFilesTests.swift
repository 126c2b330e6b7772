import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SyntheticWeb
import Testing
import TrawlCore

/// Every export of a real crawl parses with a standard reader and agrees
/// with the others: pages.jsonl, edges.csv, graph.graphml, graph.dot,
/// report.json. URLs with commas, ampersands and apostrophes exercise the
/// CSV quoting and the XML and DOT escaping.
@Suite(.timeLimit(.minutes(2)))
struct ExportFilesTests {
    static let host = "http://h0.trawl.test"
    static let web = SyntheticWeb(handWritten: [
        HandWrittenPage(url: "\(host)/", links: ["\(host)/a,b", "\(host)/it's?x=1&y=2", "\(host)/gone", "\(host)/r"]),
        HandWrittenPage(url: "\(host)/a,b", links: ["\(host)/", "\(host)/it's?x=1&y=2"]),
        HandWrittenPage(url: "\(host)/it's?x=1&y=2", links: ["\(host)/a,b", "http://elsewhere.test/out"]),
        HandWrittenPage(url: "\(host)/gone", status: 404),
        HandWrittenPage(url: "\(host)/r", status: 301, location: "/a,b"),
    ])

    @Test func everyExportParsesAndAgrees() async throws {
        let run = try await CrawlHarness.crawl(Self.web, name: "exports", seeds: ["\(Self.host)/"])
        let report = run.result.report
        #expect(report.completed)

        // edges.csv: the truth, with RFC 4180 quoting of the comma URL.
        #expect(run.edgesCSV == CrawlHarness.truthCSV(Self.web))
        #expect(run.edgesCSV.contains("\"\(Self.host)/a,b\""))
        let rows = run.edgesCSV.split(separator: "\n").dropFirst()
        #expect(report.edgeSet.edges == rows.count)

        // The edge hash is what `sha256sum` says of the sorted rows.
        let rowBytes = Data(rows.map { $0 + "\n" }.joined().utf8)
        #expect(report.edgeSet.sha256 == (try Self.sha256sum(rowBytes)))

        // pages.jsonl: one JSON object per fetched URL.
        #expect(run.pageLines.count == 5)
        #expect(Set(run.fetchedURLs) == Set(Self.web.pageURLs() + ["\(Self.host)/gone", "\(Self.host)/r"]))
        let gone = try #require(run.pageLines.first { $0["url"] as? String == "\(Self.host)/gone" })
        #expect(gone["status"] as? Int == 404)
        #expect(gone["error"] as? String == "http-4xx")

        // GraphML: well-formed XML whose node and edge counts are the report's.
        let graphML = try Data(contentsOf: URL(fileURLWithPath: run.directory + "/graph.graphml"))
        let counter = ElementCounter()
        let parser = XMLParser(data: graphML)
        parser.delegate = counter
        #expect(parser.parse(), "graph.graphml is not well-formed: \(String(describing: parser.parserError))")
        // Link edges are edges.csv's; the rest are redirect hops.
        #expect(counter.counts["edge"] == report.edgeSet.edges + run.redirectRows.count)
        #expect(counter.counts["node"] == report.edgeSet.nodes)
        #expect(counter.nodeIDs.contains("\(Self.host)/it's?x=1&y=2"))

        // DOT: one statement per node and per edge.
        let dot = try String(contentsOfFile: run.directory + "/graph.dot", encoding: .utf8)
        let statements = dot.split(separator: "\n").filter { $0.hasPrefix("  \"") }
        #expect(statements.filter { $0.contains("\" -> \"") && $0.contains("kind=link") }.count == report.edgeSet.edges)
        #expect(statements.filter { $0.contains(" -> ") && $0.contains("kind=redirect") }.count == run.redirectRows.count)
        #expect(statements.filter { !$0.contains("\" -> \"") }.count == report.edgeSet.nodes)
        #expect(dot.hasPrefix("digraph trawl {") && dot.hasSuffix("}\n"))

        // report.json: JSON whose numbers match the files.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: run.directory + "/report.json"))) as? [String: Any]
        let edgeSet = try #require(json?["edge_set"] as? [String: Any])
        #expect(edgeSet["edges"] as? Int == report.edgeSet.edges)
        #expect(json?["pages"] as? Int == 5)
        #expect(!FileManager.default.fileExists(atPath: run.directory + "/graph.graphml.partial"))
    }

    static func sha256sum(_ data: Data) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(data)
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}

/// Counts elements by name and keeps node ids, as any GraphML reader would.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var nodeIDs: Set<String> = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        if name == "node", let id = attributes["id"] { nodeIDs.insert(id) }
    }
}
