import Foundation

/// `trawl graph`'s plain-text report: counts, degree distributions, the top
/// pages, components and broken links, each a short aligned block.
extension GraphSummary {
    /// The longest histogram bar, in characters.
    static let barWidth = 40

    /// At most `brokenLimit` broken targets, and `referrerLimit` referring
    /// pages under each, are listed; a cut list ends with "... and N more".
    public func text(brokenLimit: Int = 100, referrerLimit: Int = 10) -> String {
        var lines: [String] = []
        var counts = TextTable(.left, .right, .left)
        counts.add("nodes", "\(nodeCount)", "\(fetchedCount) fetched")
        counts.add("edges", "\(edgeCount)", "\(linkEdgeCount) links, \(redirectEdgeCount) redirect hops (\(sharedEdgeCount) also a link)")
        lines += counts.lines(indent: "")

        lines.append("")
        var degrees = TextTable(.left, .right, .right, .right, .right, .right, .right)
        degrees.add("", "min", "p50", "p90", "p99", "max", "mean")
        for (name, summary) in [("in-degree", inDegree), ("out-degree", outDegree)] {
            degrees.add(name, "\(summary.min)", "\(summary.p50)", "\(summary.p90)", "\(summary.p99)", "\(summary.max)",
                        String(format: "%.2f", summary.mean))
        }
        lines += degrees.lines(indent: "")
        for (name, summary) in [("in-degree", inDegree), ("out-degree", outDegree)] {
            lines.append("")
            lines.append("\(name) histogram (nodes per degree range)")
            lines += Self.histogram(summary.histogram)
        }

        lines.append("")
        lines.append("top \(topByInDegree.count) pages by in-degree")
        var inDegreeTable = TextTable(.right, .left)
        inDegreeTable.add("in-degree", "url")
        for page in topByInDegree { inDegreeTable.add("\(page.value)", page.url) }
        lines += inDegreeTable.lines()

        lines.append("")
        lines.append("top \(topByPageRank.count) pages by PageRank (damping \(pageRank.damping), \(pageRankIterations) iterations)")
        var pageRankTable = TextTable(.right, .left)
        pageRankTable.add("pagerank", "url")
        for page in topByPageRank { pageRankTable.add(String(format: "%.8f", page.value), page.url) }
        lines += pageRankTable.lines()

        lines.append("")
        lines.append("strongly connected components: \(componentCount), \(nontrivialComponentCount) of more than one page, "
            + "the largest \(largestComponentSize) page\(largestComponentSize == 1 ? "" : "s")")

        lines.append("")
        lines += brokenLinksText(limit: brokenLimit, referrerLimit: referrerLimit)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func histogram(_ buckets: [DegreeBucket]) -> [String] {
        let largest = buckets.map(\.nodes).max() ?? 0
        var table = TextTable(.right, .right, .left)
        for bucket in buckets {
            // Any non-empty bucket shows at least one mark.
            let length = bucket.nodes == 0 ? 0 : max(1, bucket.nodes * barWidth / largest)
            table.add(bucket.label, "\(bucket.nodes)", String(repeating: "#", count: length))
        }
        return table.lines()
    }

    private func brokenLinksText(limit: Int, referrerLimit: Int) -> [String] {
        guard !brokenLinks.isEmpty else { return ["broken links: none"] }
        var lines = ["broken links: \(brokenLinks.count) failed URL\(brokenLinks.count == 1 ? "" : "s") "
            + "that pages link or redirect to (status or error, URL, referring pages)"]
        for link in brokenLinks.prefix(limit) {
            let pages = link.referrers.count
            lines.append("  \(link.reason.padding(toLength: 5, withPad: " ", startingAt: 0)) \(link.url)  (\(pages) page\(pages == 1 ? "" : "s"))")
            for referrer in link.referrers.prefix(referrerLimit) { lines.append("        \(referrer)") }
            if pages > referrerLimit {
                lines.append("        ... and \(pages - referrerLimit) more page\(pages - referrerLimit == 1 ? "" : "s")")
            }
        }
        if brokenLinks.count > limit {
            lines.append("  ... and \(brokenLinks.count - limit) more failed URL\(brokenLinks.count - limit == 1 ? "" : "s")")
        }
        return lines
    }
}
