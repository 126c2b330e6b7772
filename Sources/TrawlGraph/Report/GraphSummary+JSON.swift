/// `trawl graph --json`: the text report's content as one JSON document,
/// snake_case keys in a fixed order.
extension GraphSummary {
    /// `brokenLimit` / `referrerLimit` cut the broken targets listed and the
    /// referrers listed per target; nil lists all. The totals are always
    /// given (`targets`, `referring_pages`), so a cut list says so.
    public func json(brokenLimit: Int? = nil, referrerLimit: Int? = nil) -> String {
        let document: JSONValue = .object([
            ("nodes", .int(nodeCount)),
            ("fetched_nodes", .int(fetchedCount)),
            ("edges", .int(edgeCount)),
            ("link_edges", .int(linkEdgeCount)),
            ("redirect_edges", .int(redirectEdgeCount)),
            ("link_and_redirect_edges", .int(sharedEdgeCount)),
            ("in_degree", Self.json(inDegree)),
            ("out_degree", Self.json(outDegree)),
            ("top_by_in_degree", .array(topByInDegree.map { .object([("url", .string($0.url)), ("in_degree", .int($0.value))]) })),
            ("pagerank", .object([
                ("damping", .double(pageRank.damping)),
                ("tolerance", .double(pageRank.tolerance)),
                ("iterations", .int(pageRankIterations)),
            ])),
            ("top_by_pagerank", .array(topByPageRank.map { .object([("url", .string($0.url)), ("pagerank", .double($0.value))]) })),
            ("strongly_connected_components", .object([
                ("count", .int(componentCount)),
                ("nontrivial", .int(nontrivialComponentCount)),
                ("largest_size", .int(largestComponentSize)),
            ])),
            ("broken_links", .object([
                ("targets", .int(brokenLinks.count)),
                ("listed", .array(brokenLinks.prefix(brokenLimit ?? .max).map { Self.json($0, referrerLimit: referrerLimit) })),
            ])),
        ])
        return document.serialized + "\n"
    }

    private static func json(_ degrees: DegreeSummary) -> JSONValue {
        .object([
            ("min", .int(degrees.min)),
            ("p50", .int(degrees.p50)),
            ("p90", .int(degrees.p90)),
            ("p99", .int(degrees.p99)),
            ("max", .int(degrees.max)),
            ("mean", .double(degrees.mean)),
            ("histogram", .array(degrees.histogram.map { bucket in
                .object([
                    ("degrees", .string(bucket.label)),
                    ("lowest", .int(bucket.lowest)),
                    ("highest", .int(bucket.highest)),
                    ("nodes", .int(bucket.nodes)),
                ])
            })),
        ])
    }

    private static func json(_ link: BrokenLink, referrerLimit: Int?) -> JSONValue {
        .object([
            ("url", .string(link.url)),
            ("status", .optional(link.status)),
            ("error", .optional(link.errorClass)),
            ("referring_pages", .int(link.referrers.count)),
            ("referrers", .array(link.referrers.prefix(referrerLimit ?? .max).map(JSONValue.string))),
        ])
    }
}
