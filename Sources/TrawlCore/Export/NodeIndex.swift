/// What the edge tables need of every node, gathered in one pass over the
/// sorted nodes: its id (its position in URL order) by URL, its host, and
/// each host's totals. Ids are found by fingerprint, 12 bytes a node
/// instead of a String. The nodes come distinct, so two of them with one
/// fingerprint are caught as the index is built; then ids are kept by URL
/// instead, and every lookup is exact whatever the fingerprints do.
struct NodeIndex {
    struct HostStats {
        /// Fetched URLs of the host (pages and redirect hops).
        var pages = 0
        var errors = 0
        var bytes = 0
        /// Link edges from and to its pages.
        var linksOut = 0
        var linksIn = 0
    }

    private var ids: FingerprintTable<UInt32>
    /// Set only when two nodes share a fingerprint.
    private var idsByURL: [String: Int]?
    private let fingerprint: (UnsafeRawBufferPointer) -> URLFingerprint
    /// The host of each node (an index into `hostNames`), by id.
    private(set) var hostOfNode: [Int32] = []
    private(set) var hostNames: [String] = []
    var hostStats: [HostStats] = []

    /// `fingerprint` is for tests, which make fingerprints collide.
    init(_ nodes: SortedNodes, fingerprint: @escaping (UnsafeRawBufferPointer) -> URLFingerprint = URLFingerprint.init(bytes:)) throws {
        self.fingerprint = fingerprint
        ids = FingerprintTable(minimumCapacity: nodes.count)
        hostOfNode.reserveCapacity(nodes.count)
        var hostIDs: [Substring: Int32] = [:]
        var collided = false
        try nodes.forEach { url, info in
            let host = GraphNodes.host(of: url)
            let hostID: Int32
            if let known = hostIDs[host] {
                hostID = known
            } else {
                hostID = Int32(hostNames.count)
                hostIDs[Substring(String(host))] = hostID
                hostNames.append(String(host))
                hostStats.append(HostStats())
            }
            if let info {
                hostStats[Int(hostID)].pages += 1
                hostStats[Int(hostID)].bytes += info.bytes
                if info.error != nil { hostStats[Int(hostID)].errors += 1 }
            }
            var url = url
            let id = UInt32(hostOfNode.count)
            if url.withUTF8({ ids.updateValue(id, for: fingerprint(UnsafeRawBufferPointer($0))) }) != nil { collided = true }
            hostOfNode.append(hostID)
        }
        guard collided else { return }
        var idsByURL: [String: Int] = [:]
        try nodes.forEach { url, _ in idsByURL[url] = idsByURL.count }
        self.idsByURL = idsByURL
        ids = FingerprintTable()
    }

    var count: Int { hostOfNode.count }

    /// The id of the node whose URL is `url` (UTF-8), nil for no node.
    func id(of url: UnsafeRawBufferPointer) -> Int? {
        if let idsByURL { return idsByURL[String(decoding: url, as: UTF8.self)] }
        return ids[fingerprint(url)].map(Int.init)
    }
}
