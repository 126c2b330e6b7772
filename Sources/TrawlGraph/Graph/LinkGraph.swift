/// A crawl's link graph: link edges ∪ redirect hops, each distinct edge once
/// (self-loops kept), in compressed sparse row form: node v's successors are
/// `targets[offsets[v]..<offsets[v + 1]]`, ascending. Four bytes an edge,
/// which is what lets a crawl of millions of links be summarized in memory.
public struct LinkGraph: Sendable {
    public let nodeCount: Int
    /// `nodeCount + 1` entries. Int, not Int32: an edge count can pass
    /// Int32.max long before a node count does.
    let offsets: [Int]
    let targets: [Int32]

    /// Distinct link edges (edges-ids.csv).
    public let linkEdgeCount: Int
    /// Distinct redirect hops (redirects.csv).
    public let redirectEdgeCount: Int
    /// Hops that are also link edges (a 301 page whose body links to its
    /// target): in both counts above, and once in `edgeCount`.
    public let sharedEdgeCount: Int

    public var edgeCount: Int { targets.count }

    /// Consumes the lists, which it sorts in place: pass them with
    /// `consume` so a large crawl's edges are not held twice.
    public init(nodeCount: Int, links: consuming EdgeList, redirects: consuming EdgeList) {
        links.sortAndDeduplicate()
        redirects.sortAndDeduplicate()
        let linkKeys = links.keys, redirectKeys = redirects.keys
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        var targets: [Int32] = []
        targets.reserveCapacity(linkKeys.count + redirectKeys.count)
        var shared = 0
        // Merge the two sorted lists; an edge in both is taken once.
        var nextLink = 0, nextRedirect = 0
        while nextLink < linkKeys.count || nextRedirect < redirectKeys.count {
            let key: UInt64
            if nextRedirect == redirectKeys.count || (nextLink < linkKeys.count && linkKeys[nextLink] < redirectKeys[nextRedirect]) {
                key = linkKeys[nextLink]
                nextLink += 1
            } else if nextLink == linkKeys.count || redirectKeys[nextRedirect] < linkKeys[nextLink] {
                key = redirectKeys[nextRedirect]
                nextRedirect += 1
            } else {
                key = linkKeys[nextLink]
                nextLink += 1
                nextRedirect += 1
                shared += 1
            }
            offsets[EdgeList.source(key) + 1] += 1
            targets.append(EdgeList.target(key))
        }
        for node in 0..<nodeCount { offsets[node + 1] += offsets[node] }
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.linkEdgeCount = linkKeys.count
        self.redirectEdgeCount = redirectKeys.count
        self.sharedEdgeCount = shared
    }

    public func successors(of node: Int) -> ArraySlice<Int32> {
        targets[offsets[node]..<offsets[node + 1]]
    }

    public func outDegree(of node: Int) -> Int { offsets[node + 1] - offsets[node] }

    public func outDegrees() -> [Int32] {
        (0..<nodeCount).map { Int32(outDegree(of: $0)) }
    }

    public func inDegrees() -> [Int32] {
        var degrees = [Int32](repeating: 0, count: nodeCount)
        for target in targets { degrees[Int(target)] += 1 }
        return degrees
    }
}
