/// The nodes of the link graph: every URL that is a page, a link target or
/// a redirect hop, each once, with what its fetch said. A million-URL crawl
/// has a million of them, so they are not kept in memory: a node goes to a
/// log on disk (`LineLog`, lines of `NodeRecord`) when it is first seen,
/// and once more when it is first fetched (the first fetch wins: a
/// redirect can land two requests on one page). Memory holds a fingerprint
/// and a byte of flags per node, ~15 bytes (`URLFingerprint` gives the
/// chance of two URLs sharing one: the second would be no node of its own).
///
/// The finish sorts the log (`sorted(by:)`) and reads the nodes back in URL
/// byte order, which numbers them: the ids of nodes.csv, edges-ids.csv and
/// the graph files are the same in every mode and every run of a crawl.
/// Not Sendable: it belongs to the exports' one task.
final class GraphNodes {
    /// What nodes.csv and the graph files say of a fetched node.
    struct Info: Sendable, Equatable {
        var status: Int?
        var depth: Int
        var title: String?
        var contentType: String?
        var bytes: Int
        var error: String?
        /// Milliseconds since the epoch; nil when no request was made.
        var fetchedAt: Int64?
    }

    private static let fetched: UInt8 = 1
    /// Its edges are in edges.csv: a page reached twice (two redirects
    /// landing on it) writes them once.
    private static let edgesWritten: UInt8 = 2

    private var flags = FingerprintTable<UInt8>()
    private let log: LineLog
    /// Distinct nodes noted.
    private(set) var count = 0

    init(folder: FolderHandle) {
        log = LineLog(for: GraphTables.nodesName, in: folder)
    }

    /// Adds `url` as a node, or gives a known one its fetch's details when
    /// it has none yet.
    func note(_ url: String, info: Info?) throws {
        let fingerprint = URLFingerprint(url)
        let known = flags[fingerprint]
        if info == nil && known != nil { return }
        if info != nil, let known, known & Self.fetched != 0 { return }
        flags.updateValue((known ?? 0) | (info == nil ? 0 : Self.fetched), for: fingerprint)
        if known == nil { count += 1 }
        try log.append(NodeRecord.line(url: url, info: info))
    }

    /// Whether `source`'s edges are written already.
    func hasEdges(from source: String) -> Bool {
        (flags[URLFingerprint(source)] ?? 0) & Self.edgesWritten != 0
    }

    /// Notes that `source`'s edges are written; `source` is a node already.
    func noteEdges(from source: String) {
        let fingerprint = URLFingerprint(source)
        flags.updateValue((flags[fingerprint] ?? 0) | Self.edgesWritten, for: fingerprint)
    }

    /// The nodes in URL byte order, read back from the log, which is spent;
    /// so are the flags, whose memory the finish needs more.
    func sorted(by sorter: ExternalSort) throws -> SortedNodes {
        flags = FingerprintTable()
        return SortedNodes(lines: try log.sorted(by: sorter), count: count)
    }

    /// The host of a normalized http(s) URL: between "://" and the port,
    /// path, query or fragment ("[::1]" keeps its brackets).
    static func host(of url: String) -> Substring {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let rest = url[schemeEnd.upperBound...]
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { return rest }
            return rest[...close]
        }
        let end = rest.firstIndex { $0 == ":" || $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return rest[..<end]
    }
}

extension GraphNodes.Info {
    /// A fetched page's node, from its record.
    init(_ record: PageRecord) {
        self.init(status: record.status, depth: record.depth, title: record.title, contentType: record.contentType,
                  bytes: record.bytes, error: record.error, fetchedAt: record.fetchedAt)
    }
}
