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
    /// Graph nodes in first-seen order (pages and link targets), so the
    /// graph files need no second pass over the edges.
    private var nodes: [(url: String, info: GraphWriter.NodeInfo?)] = []
    private var nodeIndex: [String: Int] = [:]

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
        try record(outcome.record, source: outcome.source, edgeTargets: outcome.edgeTargets)
    }

    /// The same for a page a worker process sent (`--mode processes`).
    func record(_ page: PageMessage) throws {
        try record(page.record, source: page.source, edgeTargets: page.edgeTargets)
    }

    private func record(_ record: PageRecord, source: String, edgeTargets: [String]) throws {
        try pagesFile.write(record.jsonLine + "\n")
        noteNode(source, info: .init(status: record.status, depth: record.depth, title: record.title))
        guard !edgeTargets.isEmpty, emittedSources.insert(source).inserted else { return }
        let sourceField = CSV.field(source)
        var rows = ""
        for target in edgeTargets {
            noteNode(target, info: nil)
            rows += sourceField
            rows += ","
            rows += CSV.field(target)
            rows += "\n"
        }
        try edgesFile.write(rows)
    }

    /// Adds a node, or gives a known link target its page's details (the
    /// first fetch of a page wins: a redirect can land two requests on it).
    private func noteNode(_ url: String, info: GraphWriter.NodeInfo?) {
        if let index = nodeIndex[url] {
            if nodes[index].info == nil, let info { nodes[index].info = info }
        } else {
            nodeIndex[url] = nodes.count
            nodes.append((url, info))
        }
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
        let newline = [UInt8(0x0A)]
        try newline.withUnsafeBytes { newline in
            try rows.forEach { row in
                hash.update(row)
                hash.update(newline)
                try sorted.write(row)
                try sorted.write(newline)
            }
        }
        try sorted.commit()
        let graph = GraphWriter(nodes: nodes, edges: rows)
        try graph.writeGraphML(to: directory + "/graph.graphml")
        try graph.writeDOT(to: directory + "/graph.dot")
        return RunReport.EdgeSet(edges: rows.count, nodes: nodes.count, sha256: hash.finalizeHex())
    }

    func writeReport(_ report: RunReport) throws {
        let file = try ChunkedWriter(path: directory + "/report.json")
        try file.write(try report.jsonText())
        try file.commit()
    }
}
