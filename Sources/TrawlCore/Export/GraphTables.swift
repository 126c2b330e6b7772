/// The graph as tables, for tools that load CSV (igraph, graph-tool,
/// Gephi's spreadsheet import, pandas): nodes.csv numbers every node (its
/// `id` is its position in URL byte order), edges-ids.csv gives edges.csv's
/// rows, in the same order, as ids; redirects.csv lists every redirect hop;
/// hosts.csv and host-edges.csv are the host-level view.
struct GraphTables {
    static let nodesName = "nodes.csv"
    static let edgeIDsName = "edges-ids.csv"
    static let redirectsName = "redirects.csv"
    static let hostsName = "hosts.csv"
    static let hostEdgesName = "host-edges.csv"
    static let names = [nodesName, edgeIDsName, redirectsName, hostsName, hostEdgesName]

    let nodes: SortedNodes
    let redirects: SortedRedirects
    let folder: FolderHandle

    func writeNodes() throws {
        let out = try ChunkedWriter(name: Self.nodesName, in: folder)
        try out.write("id,url,host,status,content_type,bytes,depth,error,title,fetched_at\n")
        var id = 0
        try nodes.forEach { url, info in
            var line = "\(id),\(CSV.field(url)),\(CSV.field(String(GraphNodes.host(of: url))))"
            if let info {
                line += "," + (info.status.map(String.init) ?? "")
                line += "," + CSV.field(info.contentType ?? "")
                line += ",\(info.bytes),\(info.depth),"
                line += CSV.field(info.error ?? "") + "," + CSV.field(info.title ?? "") + ","
                line += info.fetchedAt.map(Timestamp.rfc3339Milliseconds) ?? ""
            } else {
                line += ",,,,,,,"
            }
            try out.write(line + "\n")
            id += 1
        }
        try out.commit()
    }

    func writeRedirects() throws {
        let out = try ChunkedWriter(name: Self.redirectsName, in: folder)
        try out.write("source,target,status\n")
        try redirects.forEach { source, target, status in
            try out.write(CSV.row(source, target) + ",\(status)\n")
        }
        try out.commit()
    }

    /// edges-ids.csv, hosts.csv and host-edges.csv, in one pass over the
    /// sorted edges.
    func writeEdgeTables(_ edges: SortedLines, index: NodeIndex) throws {
        var stats = index.hostStats
        var hostLinks: [Int64: Int] = [:]

        let ids = try ChunkedWriter(name: Self.edgeIDsName, in: folder)
        try ids.write("source_id,target_id\n")
        try edges.forEach { row in
            try CSV.splitRow(row) { source, target in
                guard let from = index.id(of: source), let to = index.id(of: target) else { return }
                try ids.write("\(from),\(to)\n")
                let (fromHost, toHost) = (index.hostOfNode[from], index.hostOfNode[to])
                hostLinks[Int64(fromHost) << 32 | Int64(toHost), default: 0] += 1
                stats[Int(fromHost)].linksOut += 1
                stats[Int(toHost)].linksIn += 1
            }
        }
        try ids.commit()

        let hostNames = index.hostNames
        let hostOrder = hostNames.indices.sorted { hostNames[$0].utf8.lexicographicallyPrecedes(hostNames[$1].utf8) }
        let hosts = try ChunkedWriter(name: Self.hostsName, in: folder)
        try hosts.write("host,pages,errors,bytes,links_out,links_in\n")
        for host in hostOrder {
            let these = stats[host]
            try hosts.write("\(CSV.field(hostNames[host])),\(these.pages),\(these.errors),\(these.bytes),\(these.linksOut),\(these.linksIn)\n")
        }
        try hosts.commit()

        var position = [Int](repeating: 0, count: hostNames.count)
        for (rank, host) in hostOrder.enumerated() { position[host] = rank }
        let pairs = hostLinks.sorted { a, b in
            let (a0, a1) = (position[Int(a.key >> 32)], position[Int(a.key & 0xFFFF_FFFF)])
            let (b0, b1) = (position[Int(b.key >> 32)], position[Int(b.key & 0xFFFF_FFFF)])
            return a0 != b0 ? a0 < b0 : a1 < b1
        }
        let hostEdges = try ChunkedWriter(name: Self.hostEdgesName, in: folder)
        try hostEdges.write("source_host,target_host,links\n")
        for (pair, links) in pairs {
            let source = hostNames[Int(pair >> 32)], target = hostNames[Int(pair & 0xFFFF_FFFF)]
            try hostEdges.write(CSV.row(source, target) + ",\(links)\n")
        }
        try hostEdges.commit()
    }
}
