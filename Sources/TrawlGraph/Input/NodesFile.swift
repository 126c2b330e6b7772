import Foundation

/// Reads nodes.csv: `id,url,host,status,content_type,bytes,depth,error,title,fetched_at`,
/// one row per URL, ids dense from 0 in row order. Only id, url, status and
/// error are decoded; the header may carry more columns in any order.
enum NodesFile {
    static let name = "nodes.csv"

    static func read(_ bytes: some ContiguousBytes, fileName: String = name) throws -> CrawlNodes {
        try CSVReader.withReader(over: bytes, fileName: fileName) { reader in
            let header = try CSVHeader(reading: &reader, required: ["id", "url", "status", "error"])
            let (idColumn, urlColumn, statusColumn, errorColumn) = (header["id"], header["url"], header["status"], header["error"])
            var nodes = CrawlNodes()
            while try reader.nextRecord() {
                try reader.requireFieldCount(header.fieldCount)
                let id = try reader.requiredInteger(idColumn, column: "id")
                // Edges name nodes by id, so a gap or a reordering would silently
                // attach links to the wrong URLs.
                guard id == nodes.count else {
                    throw reader.malformed("id \(id) where \(nodes.count) was expected (ids run 0, 1, 2, ... in row order)")
                }
                guard id < Int(Int32.max) else { throw reader.malformed("more nodes than this summary can hold (\(Int32.max))") }
                guard !reader.fields[urlColumn].isEmpty else { throw reader.malformed("url is empty") }
                let status = try reader.integer(statusColumn, column: "status")
                let errorClass = reader.fields[errorColumn].isEmpty ? nil : reader.string(errorColumn)
                nodes.append(url: reader.string(urlColumn), status: status, errorClass: errorClass)
            }
            return nodes
        }
    }
}
