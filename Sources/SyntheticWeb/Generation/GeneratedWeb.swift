/// A generated web: its names, its precomputed link graph, and the routing
/// of a (host, path) to a response. Immutable after init, shared by every
/// event loop of the server.
final class GeneratedWeb: Sendable {
    let config: SyntheticWebConfig
    let hostNames: [String]
    let hostIndex: [String: Int]
    let graph: LinkGraph
    /// The traps of the hostile profile; nil in the normal profile.
    let hostile: HostileWeb?

    init(_ config: SyntheticWebConfig) {
        precondition(config.hosts >= 1, "SyntheticWebConfig.hosts must be at least 1, got \(config.hosts)")
        precondition(
            config.pagesPerHost >= 1, "SyntheticWebConfig.pagesPerHost must be at least 1, got \(config.pagesPerHost)")
        precondition(config.meanOutDegree >= 0, "meanOutDegree must not be negative, got \(config.meanOutDegree)")
        precondition((0...1).contains(config.crossHostShare), "crossHostShare must be in 0...1")
        self.config = config
        hostNames = (0..<config.hosts).map { "h\($0).trawl.test" }
        hostIndex = Dictionary(uniqueKeysWithValues: hostNames.enumerated().map { ($1, $0) })
        graph = LinkGraphBuilder(config: config).build()
        hostile = config.profile == .hostile ? HostileWeb(hostNames: hostNames) : nil
    }

    func pagePath(_ page: Int) -> String {
        page == 0 ? "/" : "/page/\(page)"
    }

    func pageURL(host: Int, page: Int) -> String {
        "http://\(hostNames[host])\(pagePath(page))"
    }

    var pageURLs: [String] {
        (0..<config.hosts).flatMap { host in (0..<config.pagesPerHost).map { pageURL(host: host, page: $0) } }
    }

    /// Routes a normalized path (see `RequestTarget`) on a known host.
    /// `attempt`: earlier requests of the path the server has counted (only
    /// paths for which `countsRequests` is true are counted).
    func response(host: Int, path: Substring, attempt: Int = 0) -> SyntheticResponse {
        let latency = config.latency.latency(unit: Self.latencyDraw(seed: config.seed, host: hostNames[host], path: path))
        if let hostile, let route = HostileRoute(path: path) {
            return hostile.response(route, host: host, attempt: attempt, latency: latency)
        }
        let perHost = config.pagesPerHost
        if path == "/" {
            return .html(renderPage(host: host, page: 0), latency: latency)
        }
        guard let (route, number) = Self.split(path) else { return .notFound(latency: latency) }
        switch route {
        case "page" where number >= 1 && number < perHost:
            return .html(renderPage(host: host, page: number), latency: latency)
        case "redirect" where number < perHost:
            return .redirect(301, to: pagePath(number), latency: latency)
        case "error":
            return .plain(500, "internal server error\n", latency: latency)
        default:
            return .notFound(latency: latency)
        }
    }

    /// Whether the server should count the requests of this path: the
    /// fixed trap paths of the hostile profile.
    func countsRequests(path: Substring) -> Bool {
        hostile != nil && HostileRoute(path: path)?.isCounted == true
    }

    /// `/word/123` → ("word", 123); numbers are canonical decimals (no
    /// leading zeros), so each page has exactly one path. Works on UTF-8:
    /// it runs for every request.
    static func split(_ path: Substring) -> (Substring, Int)? {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/"), let slash = bytes.lastIndex(of: UInt8(ascii: "/")),
            slash != bytes.startIndex
        else { return nil }
        let digits = bytes[bytes.index(after: slash)...]
        guard (1...9).contains(digits.count), digits.first != UInt8(ascii: "0") || digits.count == 1 else {
            return nil
        }
        var number = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        let word = path[path.index(after: path.startIndex)..<slash]
        guard !word.utf8.contains(UInt8(ascii: "/")) else { return nil }
        return (word, number)
    }

    /// A uniform draw in [0, 1) from (seed, host, path): the same request is
    /// always equally slow, whatever the order of requests.
    static func latencyDraw(seed: UInt64, host: String, path: Substring) -> Double {
        var rng = SplitMix64(seed: StableHash.combine(seed, StableHash.of(host), StableHash.of(String(path))))
        return rng.unit()
    }
}
