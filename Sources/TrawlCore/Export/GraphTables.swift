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

    let nodes: GraphNodes
    let order: [Int32]
    let rank: [Int32]
    let redirects: [CrawlExports.RedirectEdge]
    let folder: FolderHandle

    func writeNodes() throws {
        let out = try ChunkedWriter(name: Self.nodesName, in: folder)
        try out.write("id,url,host,status,content_type,bytes,depth,error,title,fetched_at\n")
        for (id, node) in order.enumerated() {
            let url = nodes.urls[Int(node)]
            var line = "\(id),\(CSV.field(url)),\(CSV.field(String(GraphNodes.host(of: url))))"
            if let info = nodes.info(at: Int(node)) {
                line += "," + (info.status.map(String.init) ?? "")
                line += "," + CSV.field(info.contentType ?? "")
                line += ",\(info.bytes),\(info.depth),"
                line += CSV.field(info.error ?? "") + "," + CSV.field(info.title ?? "") + ","
                line += info.fetchedAt.map(Timestamp.rfc3339Milliseconds) ?? ""
            } else {
                line += ",,,,,,,"
            }
            try out.write(line + "\n")
        }
        try out.commit()
    }

    func writeRedirects() throws {
        let out = try ChunkedWriter(name: Self.redirectsName, in: folder)
        try out.write("source,target,status\n")
        for redirect in redirects {
            try out.write(CSV.row(nodes.urls[Int(redirect.source)], nodes.urls[Int(redirect.target)]) + ",\(redirect.status)\n")
        }
        try out.commit()
    }

    /// edges-ids.csv, hosts.csv and host-edges.csv, in one pass over the
    /// sorted edges.
    func writeEdgeTables(_ edges: SortedLines) throws {
        var hostIDs: [Substring: Int32] = [:]
        var hostNames: [Substring] = []
        var nodeHost = [Int32](repeating: 0, count: nodes.count)
        for (node, url) in nodes.urls.enumerated() {
            let host = GraphNodes.host(of: url)
            if let id = hostIDs[host] {
                nodeHost[node] = id
            } else {
                hostIDs[host] = Int32(hostNames.count)
                nodeHost[node] = Int32(hostNames.count)
                hostNames.append(host)
            }
        }
        var stats = [HostStats](repeating: HostStats(), count: hostNames.count)
        for node in 0..<nodes.count {
            guard let info = nodes.info(at: node) else { continue }
            let host = Int(nodeHost[node])
            stats[host].pages += 1
            stats[host].bytes += info.bytes
            if info.error != nil { stats[host].errors += 1 }
        }
        var hostLinks: [Int64: Int] = [:]

        let ids = try ChunkedWriter(name: Self.edgeIDsName, in: folder)
        try ids.write("source_id,target_id\n")
        try edges.forEach { row in
            guard let (source, target) = CSV.parseRow(row),
                  let from = nodes.index(of: source), let to = nodes.index(of: target) else { return }
            try ids.write("\(rank[from]),\(rank[to])\n")
            let pair = Int64(nodeHost[from]) << 32 | Int64(nodeHost[to])
            hostLinks[pair, default: 0] += 1
            stats[Int(nodeHost[from])].linksOut += 1
            stats[Int(nodeHost[to])].linksIn += 1
        }
        try ids.commit()

        let hostOrder = hostNames.indices.sorted { hostNames[$0].utf8.lexicographicallyPrecedes(hostNames[$1].utf8) }
        let hosts = try ChunkedWriter(name: Self.hostsName, in: folder)
        try hosts.write("host,pages,errors,bytes,links_out,links_in\n")
        for host in hostOrder {
            let these = stats[host]
            try hosts.write("\(CSV.field(String(hostNames[host]))),\(these.pages),\(these.errors),\(these.bytes),\(these.linksOut),\(these.linksIn)\n")
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
            let source = String(hostNames[Int(pair >> 32)]), target = String(hostNames[Int(pair & 0xFFFF_FFFF)])
            try hostEdges.write(CSV.row(source, target) + ",\(links)\n")
        }
        try hostEdges.commit()
    }

    private struct HostStats {
        /// Fetched URLs of the host (pages and redirect hops).
        var pages = 0
        var errors = 0
        var bytes = 0
        /// Link edges from and to its pages.
        var linksOut = 0
        var linksIn = 0
    }
}
