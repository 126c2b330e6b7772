import Foundation

/// Reads redirects.csv: `source,target,status`, one row per redirect hop,
/// both URLs rows of nodes.csv. Crawls before redirects.csv existed have
/// none, which reads as no redirects.
enum RedirectsFile {
    static let name = "redirects.csv"

    static func read(_ bytes: some ContiguousBytes, nodes: CrawlNodes, fileName: String = name) throws -> EdgeList {
        try CSVReader.withReader(over: bytes, fileName: fileName) { reader in
            let header = try CSVHeader(reading: &reader, required: ["source", "target", "status"])
            let (sourceColumn, targetColumn, statusColumn) = (header["source"], header["target"], header["status"])
            // Built only here: the one place URLs must be looked up by text.
            let ids = nodes.idsByURL()
            var edges = EdgeList()
            while try reader.nextRecord() {
                try reader.requireFieldCount(header.fieldCount)
                _ = try reader.requiredInteger(statusColumn, column: "status")
                let source = try node(reader, sourceColumn, "source", ids: ids)
                let target = try node(reader, targetColumn, "target", ids: ids)
                edges.append(source: source, target: target)
            }
            return edges
        }
    }

    private static func node(_ reader: CSVReader, _ index: Int, _ column: String, ids: [String: Int32]) throws -> Int {
        let url = reader.string(index)
        guard let id = ids[url] else { throw reader.malformed("\(column) '\(url)' is not a URL of \(NodesFile.name)") }
        return Int(id)
    }
}
