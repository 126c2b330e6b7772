/// A deterministic web of virtual hosts: the ground truth the crawler is
/// tested against. Pure: building it and asking it for responses does no
/// I/O; `SyntheticWebServer` puts it on a socket.
public struct SyntheticWeb: Sendable {
    enum Storage: Sendable {
        case generated(GeneratedWeb)
        case handWritten(HandWrittenWeb)
        case docroot(DocrootWeb)
    }

    let storage: Storage

    /// Builds the whole link graph now, so serving is only rendering.
    public init(_ config: SyntheticWebConfig) {
        storage = .generated(GeneratedWeb(config))
    }

    /// A web of exactly these pages; hosts are those of the page URLs, in
    /// order of first appearance.
    public init(handWritten pages: [HandWrittenPage]) {
        storage = .handWritten(HandWrittenWeb(pages))
    }

    /// `h0.trawl.test`, `h1.trawl.test`, … (lower case).
    public var hostNames: [String] {
        switch storage {
        case .generated(let web): return web.hostNames
        case .handWritten(let web): return web.hostNames
        case .docroot(let web): return web.hostNames
        }
    }

    /// A directory of static files served as `hosts` virtual hosts, each
    /// response after a latency drawn from `latency` (deterministic per
    /// host and path, given `seed`). It has no ground truth: `truthEdges()`
    /// is empty, and runs are checked against each other instead.
    public init(docroot tree: DocrootTree, hosts: Int, latency: LatencyDistribution = .fixed(.zero), seed: UInt64 = 1) {
        storage = .docroot(DocrootWeb(tree: tree, hosts: hosts, latency: latency, seed: seed))
    }

    /// Whether the web knows its link graph (`truthEdges()`): a docroot
    /// does not.
    public var hasTruth: Bool {
        if case .docroot = storage { return false }
        return true
    }

    /// `http://hK.trawl.test/` for every host.
    public var seedURLs: [String] {
        hostNames.map { "http://\($0)/" }
    }

    /// Pages served with status 200 (HTML); in a generated web all are
    /// reachable from their host's root.
    public var pageCount: Int {
        switch storage {
        case .generated(let web): return web.config.hosts * web.config.pagesPerHost
        case .handWritten(let web): return web.pageCount
        case .docroot(let web): return web.tree.htmlFileCount * web.hostNames.count
        }
    }

    /// Canonical URLs of the 200 pages, sorted byte-wise.
    public func pageURLs() -> [String] {
        let urls: [String]
        switch storage {
        case .generated(let web): urls = web.pageURLs
        case .handWritten(let web): urls = web.hostNames.indices.flatMap { host in
            web.pages[host].values.filter { $0.status == 200 }.map(\.url)
        }
        case .docroot(let web): urls = web.hostNames.flatMap { host in
            web.tree.files.keys.filter { ContentType.isHTML(path: $0) }.map { "http://\(host)/\($0)" }
        }
        }
        return urls.sorted(by: Self.byteWise)
    }

    /// One `source,target` line per distinct edge, sorted byte-wise (as
    /// `LC_ALL=C sort`), no header. Source: the canonical URL of a 200 HTML
    /// page. Target: the canonical absolute form of a link on it whose host is
    /// one of this web's hosts, whatever that target's status; a
    /// fragment-only link (`#top`) is the page itself. For the hostile
    /// profile, see `hostileTraps()` for which trap edges are included.
    public func truthEdges() -> [String] {
        var lines = [String]()
        forEachTruthLine { lines.append($0) }
        return lines
    }

    /// The lines of `truthEdges()`, in order, without holding them all.
    func forEachTruthLine(_ body: (String) throws -> Void) rethrows {
        switch storage {
        case .generated(let web):
            try web.forEachTruthLine(body)
        case .handWritten(let web):
            for line in web.truthLines().sorted(by: Self.byteWise) { try body(line) }
        case .docroot:
            break
        }
    }

    /// The answer to a request, exactly as the server sends it. `host` is a
    /// `Host` header (case and port ignored); `path` is a request target;
    /// `attempt` counts the earlier requests of the same path, which only
    /// the hostile profile's retry traps look at (429 and 503 on attempt 0).
    public func response(host: String, path: String, attempt: Int = 0) -> SyntheticResponse {
        response(to: route(hostHeader: host[...], target: path), attempt: attempt)
    }

    /// Where a request goes: the host it counts against (nil when the host
    /// is not one of ours), its normalized path, and whether the server
    /// counts the requests of that path (the hostile profile's trap paths).
    struct Route {
        var host: Int?
        var path: String
        var isCounted: Bool
    }

    func route(hostHeader: Substring?, target: String) -> Route {
        let (authority, path) = RequestTarget.split(target)
        guard let header = hostHeader ?? authority else { return Route(host: nil, path: path, isCounted: false) }
        let name = RequestTarget.hostName(header)
        switch storage {
        case .generated(let web):
            let host = web.hostIndex[name]
            return Route(host: host, path: path, isCounted: host != nil && web.countsRequests(path: path[...]))
        case .handWritten(let web):
            return Route(host: web.hostIndex[name], path: path, isCounted: false)
        case .docroot(let web):
            return Route(host: web.hostIndex[name], path: path, isCounted: false)
        }
    }

    func response(to route: Route, attempt: Int) -> SyntheticResponse {
        guard let host = route.host else { return .notFound() }
        switch storage {
        case .generated(let web): return web.response(host: host, path: route.path[...], attempt: attempt)
        case .handWritten(let web): return web.response(host: host, path: route.path)
        case .docroot(let web): return web.response(host: host, path: route.path)
        }
    }

    static func byteWise(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
