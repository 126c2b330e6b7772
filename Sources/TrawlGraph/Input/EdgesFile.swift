import Foundation

/// Reads edges-ids.csv: `source_id,target_id`, one row per distinct link,
/// both ids rows of nodes.csv.
enum EdgesFile {
    static let name = "edges-ids.csv"

    static func read(_ bytes: some ContiguousBytes, nodeCount: Int, fileName: String = name) throws -> EdgeList {
        try CSVReader.withReader(over: bytes, fileName: fileName) { reader in
            let header = try CSVHeader(reading: &reader, required: ["source_id", "target_id"])
            let (sourceColumn, targetColumn) = (header["source_id"], header["target_id"])
            var edges = EdgeList()
            // Each row is at least "0,0\n"; ~12 bytes is typical, so this is
            // one allocation for most files rather than a doubling series.
            edges.reserveCapacity(reader.bytes.count / 12)
            while try reader.nextRecord() {
                try reader.requireFieldCount(header.fieldCount)
                let source = try node(reader, sourceColumn, "source_id", nodeCount: nodeCount)
                let target = try node(reader, targetColumn, "target_id", nodeCount: nodeCount)
                edges.append(source: source, target: target)
            }
            return edges
        }
    }

    private static func node(_ reader: CSVReader, _ index: Int, _ column: String, nodeCount: Int) throws -> Int {
        let id = try reader.requiredInteger(index, column: column)
        guard id < nodeCount else {
            throw reader.malformed("\(column) \(id) is not a node (\(NodesFile.name) has ids 0..<\(nodeCount))")
        }
        return id
    }
}
