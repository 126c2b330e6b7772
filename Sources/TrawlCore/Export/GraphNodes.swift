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
    /// Parallel to `urls`, packed (`Packed`): a million-URL crawl keeps a
    /// million of these, so they are 48 bytes, not the 100 of an `Info?`.
    private var packed: [Packed] = []
    private var index: [String: Int] = [:]
    /// Content-Type values and error classes, each kept once: a crawl has
    /// a handful of each. Index 0 is "none".
    private var texts: [String] = [""]
    private var textIndex: [String: UInt16] = [:]

    var count: Int { urls.count }

    /// One node's `Info` in 48 bytes; `depth` −1 marks a node never fetched.
    private struct Packed {
        var title: String?
        var bytes: Int
        var fetchedAt: Int64
        var depth: Int32
        var status: Int16
        var contentType: UInt16
        var error: UInt16

        static let unfetched = Packed(title: nil, bytes: 0, fetchedAt: 0, depth: -1, status: -1, contentType: 0, error: 0)
    }

    /// Adds `url`, or gives a known one its fetch's details (the first
    /// fetch wins: a redirect can land two requests on one page). Returns
    /// its first-seen index.
    @discardableResult
    mutating func note(_ url: String, info: Info?) -> Int {
        if let existing = index[url] {
            if packed[existing].depth < 0, let info { packed[existing] = pack(info) }
            return existing
        }
        index[url] = urls.count
        urls.append(url)
        packed.append(info.map { pack($0) } ?? .unfetched)
        return urls.count - 1
    }

    /// What the fetch of node `node` (a first-seen index) said; nil for a
    /// link target never fetched.
    func info(at node: Int) -> Info? {
        let entry = packed[node]
        guard entry.depth >= 0 else { return nil }
        return Info(status: entry.status < 0 ? nil : Int(entry.status), depth: Int(entry.depth), title: entry.title,
                    contentType: entry.contentType == 0 ? nil : texts[Int(entry.contentType)], bytes: entry.bytes,
                    error: entry.error == 0 ? nil : texts[Int(entry.error)],
                    fetchedAt: entry.fetchedAt == Int64.min ? nil : entry.fetchedAt)
    }

    private mutating func pack(_ info: Info) -> Packed {
        Packed(title: info.title, bytes: info.bytes, fetchedAt: info.fetchedAt ?? Int64.min,
               depth: Int32(clamping: info.depth), status: Int16(clamping: info.status ?? -1),
               contentType: intern(info.contentType), error: intern(info.error))
    }

    /// The text's index in `texts`; past 65,535 distinct values (a server
    /// inventing a Content-Type per page), the rest read as none.
    private mutating func intern(_ text: String?) -> UInt16 {
        guard let text else { return 0 }
        if let known = textIndex[text] { return known }
        guard texts.count <= Int(UInt16.max) else { return 0 }
        let id = UInt16(texts.count)
        texts.append(text)
        textIndex[text] = id
        return id
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
