import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A crawl's output folder as a reader finds it once trawl has exited,
/// however the crawl ended: every export present, read with a standard
/// parser (JSONSerialization, an RFC 4180 reader, XMLParser). Reading
/// throws `Malformed`, naming the file and line, at the first file that is
/// not well-formed.
struct OutputFolder {
    /// Every file a finished crawl leaves: the exports and its journal.
    static let exports: Set<String> = [
        "pages.jsonl", "edges.csv", "graph.graphml", "graph.dot", "report.json", "nodes.csv", "edges-ids.csv",
        "redirects.csv", "hosts.csv", "host-edges.csv", "state.db",
    ]
    /// What a crawl run with `arguments` leaves: `--no-state` keeps no
    /// journal.
    static func exports(for arguments: [String]) -> Set<String> {
        let journaled = !arguments.contains("--no-state")
        return journaled ? exports : exports.subtracting(["state.db"])
    }

    /// SQLite's files beside the journal, which a crawl stopped by a failed
    /// write may leave: they are part of its state, for `--resume`.
    static let journalSideFiles: Set<String> = ["state.db-wal", "state.db-shm"]

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    let path: String
    /// The exports present, and any other files (a leftover `.partial`).
    var files: Set<String> = []
    var pages: [[String: Any]] = []
    /// edges.csv rows after the header, two fields each.
    var edges: [[String]] = []
    var graphNodes = 0
    var graphEdges = 0
    var report: [String: Any] = [:]

    /// `skipping`: files not to read (pages.jsonl made a link to /dev/full
    /// reads as endless NUL bytes).
    init(_ path: String, skipping: Set<String> = []) throws {
        self.path = path
        files = Set(try FileManager.default.contentsOfDirectory(atPath: path))
        let present = files.subtracting(skipping)
        if present.contains("pages.jsonl") { pages = try Self.jsonLines(try text("pages.jsonl")) }
        if present.contains("edges.csv") { edges = try Self.csvRows(try text("edges.csv")) }
        if present.contains("graph.graphml") { (graphNodes, graphEdges) = try Self.graphML(path + "/graph.graphml") }
        if present.contains("graph.dot") {
            let dot = try text("graph.dot")
            guard dot.hasPrefix("digraph trawl {\n"), dot.hasSuffix("}\n") else { throw Malformed(description: "graph.dot is cut short") }
        }
        if present.contains("report.json") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(try text("report.json").utf8)) as? [String: Any] else {
                throw Malformed(description: "report.json is not a JSON object")
            }
            report = object
        }
    }

    /// Every final URL in pages.jsonl: the only possible edge sources.
    var finalURLs: Set<String> { Set(pages.compactMap { $0["final_url"] as? String }) }

    /// Whether the files tell one story: every edge comes from a page in
    /// pages.jsonl, and the graph and the report count what the files hold.
    /// Rows of redirects.csv: GraphML holds these edges beside the links.
    var redirectHops: Int {
        guard let text = try? text("redirects.csv") else { return 0 }
        return max(0, text.split(separator: "\n").count - 1)
    }

    var isConsistent: Bool {
        let sources = finalURLs
        let edgeSet = report["edge_set"] as? [String: Any]
        return edges.allSatisfy { sources.contains($0[0]) }
            && graphEdges == edges.count + redirectHops && edgeSet?["edges"] as? Int == edges.count
            && report["pages"] as? Int == pages.count
    }

    private func text(_ name: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))
        guard let text = String(data: data, encoding: .utf8) else { throw Malformed(description: "\(name) is not UTF-8") }
        return text
    }

    private static func jsonLines(_ text: String) throws -> [[String: Any]] {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Malformed(description: "pages.jsonl ends inside a line") }
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated().map { index, line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw Malformed(description: "pages.jsonl line \(index + 1) is not a JSON object: \(line.prefix(200))")
            }
            return object
        }
    }

    /// RFC 4180, for rows of URLs (no line breaks inside fields).
    private static func csvRows(_ text: String) throws -> [[String]] {
        guard text.hasPrefix("source,target\n"), text.hasSuffix("\n") else {
            throw Malformed(description: "edges.csv lacks its header or ends inside a row")
        }
        return try text.split(separator: "\n").dropFirst().enumerated().map { index, line in
            guard let fields = csvFields(Array(line)), fields.count == 2 else {
                throw Malformed(description: "edges.csv row \(index + 2) is not two fields: \(line.prefix(200))")
            }
            return fields
        }
    }

    /// The fields of one row; nil when a quote is misplaced or unclosed.
    private static func csvFields(_ line: [Character]) -> [String]? {
        var fields: [String] = []
        var index = 0
        while true {
            var field = ""
            if index < line.count, line[index] == "\"" {
                index += 1
                while true {
                    guard index < line.count else { return nil }
                    if line[index] == "\"" {
                        // `""` is a quote inside the field; a lone `"` ends it.
                        guard index + 1 < line.count, line[index + 1] == "\"" else { index += 1; break }
                        index += 1
                    }
                    field.append(line[index])
                    index += 1
                }
                guard index == line.count || line[index] == "," else { return nil }
            } else {
                while index < line.count, line[index] != "," {
                    if line[index] == "\"" { return nil }
                    field.append(line[index])
                    index += 1
                }
            }
            fields.append(field)
            if index == line.count { return fields }
            index += 1  // the comma
        }
    }

    private static func graphML(_ path: String) throws -> (nodes: Int, edges: Int) {
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: path)))
        let counter = ElementTally()
        parser.delegate = counter
        guard parser.parse() else {
            throw Malformed(description: "graph.graphml is not well-formed XML: \(String(describing: parser.parserError))")
        }
        return (counter.nodes, counter.edges)
    }
}

private final class ElementTally: NSObject, XMLParserDelegate {
    var nodes = 0
    var edges = 0

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "node" { nodes += 1 }
        if name == "edge" { edges += 1 }
    }
}
