import Foundation

/// Every file of one run's output folder. pages.jsonl and edges.csv grow as
/// pages complete (whole lines only, so a stopped crawl leaves valid files);
/// `finish` sorts the edges, hashes them, and writes the graph files and
/// report.json. Owned by the engine's driver task alone.
final class CrawlExports {
    let directory: String
    private let pagesFile: OutputFile
    private let edgesFile: OutputFile
    private var emittedSources = Set<String>()
    private var nodes: [(String, GraphWriter.NodeInfo)] = []
    private var nodeSeen = Set<String>()

    var pagesPath: String { directory + "/pages.jsonl" }
    var edgesPath: String { directory + "/edges.csv" }

    /// Creates the folder (and parents) and the streaming files, so an
    /// unwritable `--out` fails before any fetch.
    init(directory: String) throws {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TrawlError(.outputUnwritable, "cannot create output folder '\(directory)'", underlying: ReadFailure(error))
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw TrawlError(.outputUnwritable, "output folder '\(directory)' is not writable")
        }
        pagesFile = try OutputFile(path: directory + "/pages.jsonl")
        edgesFile = try OutputFile(path: directory + "/edges.csv")
        try edgesFile.write("source,target\n")
    }

    /// Appends the page's line and, the first time its final URL is seen,
    /// its edges (a redirect can land two requests on one page).
    func record(_ outcome: PageOutcome) throws {
        try pagesFile.write(outcome.record.jsonLine + "\n")
        if nodeSeen.insert(outcome.source).inserted {
            nodes.append((outcome.source, .init(status: outcome.record.status, depth: outcome.record.depth, title: outcome.record.title)))
        }
        guard !outcome.edgeTargets.isEmpty, emittedSources.insert(outcome.source).inserted else { return }
        let source = CSV.field(outcome.source)
        var rows = ""
        for target in outcome.edgeTargets {
            rows += source
            rows += ","
            rows += CSV.field(target)
            rows += "\n"
        }
        try edgesFile.write(rows)
    }

    /// Rewrites edges.csv sorted (byte order, as `LC_ALL=C sort`), writes the
    /// graph files, and returns the edge-set summary for the report.
    func finishGraph() throws -> RunReport.EdgeSet {
        try pagesFile.close()
        try edgesFile.close()
        let file = try OutputFile.readAll(edgesPath)
        let header = Array("source,target\n".utf8)
        let rows = SortedLines(file, from: file.starts(with: header) ? header.count : 0)
        var hash = SHA256()
        let sorted = try ChunkedWriter(path: edgesPath)
        try sorted.write("source,target\n")
        var edges: [(String, String)] = []
        edges.reserveCapacity(rows.count)
        let newline = [UInt8(0x0A)]
        try newline.withUnsafeBytes { newline in
            try rows.forEach { row in
                hash.update(row)
                hash.update(newline)
                try sorted.write(row)
                try sorted.write(newline)
                if let edge = CSV.parseRow(row) { edges.append(edge) }
            }
        }
        try sorted.commit()
        let graph = GraphWriter(pages: nodes, edges: edges)
        try graph.writeGraphML(to: directory + "/graph.graphml")
        try graph.writeDOT(to: directory + "/graph.dot")
        return RunReport.EdgeSet(edges: rows.count, nodes: graph.nodes.count, sha256: hash.finalizeHex())
    }

    func writeReport(_ report: RunReport) throws {
        try OutputFile.writeAtomically(try report.jsonText(), to: directory + "/report.json")
    }
}
