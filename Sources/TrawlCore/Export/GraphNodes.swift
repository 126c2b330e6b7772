/// The nodes of the link graph: every URL that is a page, a link target or
/// a redirect hop, each once, in first-seen order, with what its fetch
/// said. The finish numbers them in URL byte order, so the ids of
/// nodes.csv, edges-ids.csv and the graph files are the same in every mode
/// and every run of the same crawl.
struct GraphNodes {
    /// What nodes.csv and the graph files say of a fetched node.
    struct Info: Sendable {
        var status: Int?
        var depth: Int
        var title: String?
        var contentType: String?
        var bytes: Int
        var error: String?
        /// Milliseconds since the epoch; nil when no request was made.
        var fetchedAt: Int64?
    }

    private(set) var urls: [String] = []
    /// nil for a link target that was never fetched.
    private(set) var infos: [Info?] = []
    private var index: [String: Int] = [:]
    /// One copy of each Content-Type value: a crawl has a handful.
    private var contentTypes: [String: String] = [:]

    var count: Int { urls.count }

    /// Adds `url`, or gives a known one its fetch's details (the first
    /// fetch wins: a redirect can land two requests on one page). Returns
    /// its first-seen index.
    @discardableResult
    mutating func note(_ url: String, info: Info?) -> Int {
        var info = info
        if let type = info?.contentType {
            if let known = contentTypes[type] { info?.contentType = known } else { contentTypes[type] = type }
        }
        if let existing = index[url] {
            if infos[existing] == nil, let info { infos[existing] = info }
            return existing
        }
        index[url] = urls.count
        urls.append(url)
        infos.append(info)
        return urls.count - 1
    }

    func index(of url: String) -> Int? { index[url] }

    /// The first-seen indices in URL byte order (`order`), and each
    /// index's position in it (`rank`, the node's id in the exports).
    func numbering() -> (order: [Int32], rank: [Int32]) {
        var order = (0..<Int32(urls.count)).map { $0 }
        order.sort { urls[Int($0)].utf8.lexicographicallyPrecedes(urls[Int($1)].utf8) }
        var rank = [Int32](repeating: 0, count: urls.count)
        for (position, node) in order.enumerated() { rank[Int(node)] = Int32(position) }
        return (order, rank)
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
