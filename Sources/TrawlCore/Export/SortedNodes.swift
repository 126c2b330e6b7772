/// The graph's nodes in URL byte order, read back from the sorted node log
/// (`GraphNodes`): each node once, with its first fetch's details, or nil
/// for a link target never fetched. A node's position in this order is its
/// id. Each `forEach` reads the log again (a merge of its sorted runs), so
/// the finish's tables and graph files walk it in turn.
struct SortedNodes {
    let lines: SortedLines
    /// Distinct nodes.
    let count: Int

    func forEach(_ body: (_ url: String, _ info: GraphNodes.Info?) throws -> Void) throws {
        var url: [UInt8]?
        var info: GraphNodes.Info?
        try lines.forEach { line in
            let lineURL = NodeRecord.url(of: line)
            if let current = url, !current.elementsEqual(lineURL) {
                try body(String(decoding: current, as: UTF8.self), info)
                info = nil
                url = nil
            }
            if url == nil { url = Array(lineURL) }
            if info == nil { info = NodeRecord.info(of: line) }
        }
        if let url { try body(String(decoding: url, as: UTF8.self), info) }
    }
}
