/// A `DocrootTree` served as `hosts` virtual hosts (h0.trawl.test, …), the
/// same tree under each, with the generated web's latency model: what a
/// static file server (Apache, nginx) answers, minus directory listings.
struct DocrootWeb: Sendable {
    let tree: DocrootTree
    let hostNames: [String]
    let hostIndex: [String: Int]
    let latency: LatencyDistribution
    let seed: UInt64

    init(tree: DocrootTree, hosts: Int, latency: LatencyDistribution, seed: UInt64) {
        self.tree = tree
        hostNames = (0..<max(1, hosts)).map { "h\($0).trawl.test" }
        hostIndex = Dictionary(uniqueKeysWithValues: hostNames.enumerated().map { ($1, $0) })
        self.latency = latency
        self.seed = seed
    }

    /// A file: 200 with its type. A directory: its index.html when the
    /// path ends in "/" (404 without one: no listings), else a 301 to the
    /// path with "/" added, so relative links resolve as the site meant.
    /// Anything else, a traversal attempt included: 404.
    func response(host: Int, path: String) -> SyntheticResponse {
        let latency = self.latency.latency(unit: GeneratedWeb.latencyDraw(seed: seed, host: hostNames[host], path: path[...]))
        guard let request = DocrootPath(path) else { return .notFound(latency: latency) }
        if !request.endsInSlash, let body = tree.files[request.relative] {
            return SyntheticResponse(status: 200, headers: [("content-type", ContentType.of(path: request.relative))],
                                     body: body, latency: latency)
        }
        guard tree.directories.contains(request.relative) else { return .notFound(latency: latency) }
        guard request.endsInSlash else {
            return .redirect(301, to: request.withSlash, latency: latency)
        }
        let index = request.relative.isEmpty ? "index.html" : request.relative + "/index.html"
        guard let body = tree.files[index] else { return .notFound(latency: latency) }
        return SyntheticResponse(status: 200, headers: [("content-type", "text/html")], body: body, latency: latency)
    }
}

/// A request path as a relative path into the tree: the query dropped,
/// each segment percent-decoded, empty segments collapsed. Nil when a
/// segment is "." or ".." (however encoded), decodes to a "/", a NUL or
/// bytes that are not UTF-8: a traversal attempt or a name no file has.
struct DocrootPath {
    let relative: String
    let endsInSlash: Bool
    /// The path as requested, with "/" added before any query.
    let withSlash: String

    init?(_ target: String) {
        let pathPart = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let query = target.dropFirst(pathPart.count)
        guard pathPart.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in pathPart.split(separator: "/") {
            guard let segment = Self.decoded(raw), segment != ".", segment != "..",
                  !segment.utf8.contains(UInt8(ascii: "/")), !segment.utf8.contains(0) else { return nil }
            segments.append(segment)
        }
        relative = segments.joined(separator: "/")
        endsInSlash = pathPart.hasSuffix("/")
        withSlash = String(pathPart) + "/" + query
    }

    /// Percent-decodes every escape; nil for a bad escape or non-UTF-8.
    private static func decoded(_ segment: Substring) -> String? {
        guard segment.utf8.contains(UInt8(ascii: "%")) else { return String(segment) }
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(RequestTarget.hexValue),
                  let low = iterator.next().flatMap(RequestTarget.hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
