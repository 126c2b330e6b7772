/// Every URL of a crawl, fetched or only linked, as nodes.csv lists them:
/// a node's id is its index. Only what the graph summary reports is kept
/// (URL, status, error class), in flat arrays, so a million-node crawl
/// costs its URLs and a few bytes per node.
public struct CrawlNodes: Sendable {
    public private(set) var urls: [String] = []
    /// The HTTP status, or `noStatus` when the URL was not fetched or its
    /// transfer failed before a response.
    private var statuses: [Int32] = []
    /// Index into `errorClasses`, or `noError`. A crawl has a dozen error
    /// classes and maybe millions of nodes, so each class is stored once.
    private var errorIndices: [Int32] = []
    private var errorClasses: [String] = []
    private var errorIndexByClass: [String: Int32] = [:]

    private static let noStatus: Int32 = -1
    private static let noError: Int32 = -1

    public init() {}

    public var count: Int { urls.count }

    public func url(_ id: Int) -> String { urls[id] }

    public func status(_ id: Int) -> Int? {
        statuses[id] == Self.noStatus ? nil : Int(statuses[id])
    }

    public func errorClass(_ id: Int) -> String? {
        errorIndices[id] == Self.noError ? nil : errorClasses[Int(errorIndices[id])]
    }

    /// A response arrived (the node has a status).
    public func isFetched(_ id: Int) -> Bool { statuses[id] != Self.noStatus }

    /// The crawl tried the URL and it failed: a 4xx/5xx status or an error
    /// class. A URL only linked to, never attempted, has neither.
    public func isBroken(_ id: Int) -> Bool {
        (400..<600).contains(statuses[id]) || errorIndices[id] != Self.noError
    }

    /// Adds the next node; its id is the current `count`.
    public mutating func append(url: String, status: Int?, errorClass: String?) {
        urls.append(url)
        statuses.append(status.map { Int32(clamping: $0) } ?? Self.noStatus)
        guard let errorClass, !errorClass.isEmpty else {
            errorIndices.append(Self.noError)
            return
        }
        if let index = errorIndexByClass[errorClass] {
            errorIndices.append(index)
        } else {
            let index = Int32(errorClasses.count)
            errorClasses.append(errorClass)
            errorIndexByClass[errorClass] = index
            errorIndices.append(index)
        }
    }

    /// Each URL's id, for reading redirects.csv, whose rows name URLs.
    func idsByURL() -> [String: Int32] {
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(urls.count)
        for (id, url) in urls.enumerated() { ids[url] = Int32(id) }
        return ids
    }
}
