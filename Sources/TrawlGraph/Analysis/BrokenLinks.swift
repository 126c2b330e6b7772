/// Finds the broken links of a crawl: every failed node that some page
/// links or redirects to. A failed URL nothing points at (a seed that
/// answered 404) is not a broken link, and is left out.
enum BrokenLinks {
    /// Most-referred first, then by URL, so the links worth fixing first
    /// lead the list.
    static func find(nodes: CrawlNodes, graph: LinkGraph) -> [BrokenLink] {
        var referrerIDs: [Int: [Int]] = [:]
        for source in 0..<graph.nodeCount {
            for target in graph.successors(of: source) where nodes.isBroken(Int(target)) {
                referrerIDs[Int(target), default: []].append(source)
            }
        }
        let links = referrerIDs.map { target, sources in
            BrokenLink(
                url: nodes.url(target),
                status: nodes.status(target),
                errorClass: nodes.errorClass(target),
                referrers: sources.map(nodes.url).sorted(by: bytewise)
            )
        }
        return links.sorted { a, b in
            a.referrers.count != b.referrers.count ? a.referrers.count > b.referrers.count : bytewise(a.url, b.url)
        }
    }

    private static func bytewise(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
