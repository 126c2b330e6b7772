/// The strongly connected components of a graph, by Tarjan's algorithm
/// with an explicit stack: a recursive walk would overflow the thread's
/// stack on the long link chains of a large crawl (a paginated archive is
/// one path of thousands of pages).
public struct StronglyConnectedComponents: Sendable {
    /// Each node's component, numbered in the order Tarjan completes them
    /// (a component comes before every component that reaches it).
    public let componentOfNode: [Int32]
    public let count: Int
    /// Nodes in the largest component (0 for an empty graph).
    public let largestSize: Int
    /// Components of more than one node: the graph's cycles.
    public let nontrivialCount: Int

    public init(graph: LinkGraph) {
        let nodeCount = graph.nodeCount
        let unvisited: Int32 = -1
        var visitOrder = [Int32](repeating: unvisited, count: nodeCount)
        // The earliest-visited node still on the stack that this node's
        // subtree reaches; equal to its own visit order at a component's root.
        var lowLink = [Int32](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        // Where each node's walk of its successors resumes.
        var nextEdge = graph.offsets
        var component = [Int32](repeating: -1, count: nodeCount)
        var stack: [Int32] = [], path: [Int32] = []
        var visited: Int32 = 0, count = 0, largest = 0, nontrivial = 0

        func visit(_ node: Int) {
            visitOrder[node] = visited
            lowLink[node] = visited
            visited += 1
            stack.append(Int32(node))
            onStack[node] = true
            path.append(Int32(node))
        }

        for root in 0..<nodeCount where visitOrder[root] == unvisited {
            visit(root)
            // `path` is the recursion's call stack: its last node is the
            // one being explored.
            while let last = path.last {
                let node = Int(last)
                if nextEdge[node] < graph.offsets[node + 1] {
                    let successor = Int(graph.targets[nextEdge[node]])
                    nextEdge[node] += 1
                    if visitOrder[successor] == unvisited {
                        visit(successor)
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], visitOrder[successor])
                    }
                    continue
                }
                path.removeLast()
                if let parent = path.last {
                    lowLink[Int(parent)] = min(lowLink[Int(parent)], lowLink[node])
                }
                guard lowLink[node] == visitOrder[node] else { continue }
                // `node` is a component's root: the component is the stack above it.
                var size = 0
                while true {
                    let member = Int(stack.removeLast())
                    onStack[member] = false
                    component[member] = Int32(count)
                    size += 1
                    if member == node { break }
                }
                count += 1
                largest = max(largest, size)
                if size > 1 { nontrivial += 1 }
            }
        }
        self.componentOfNode = component
        self.count = count
        self.largestSize = largest
        self.nontrivialCount = nontrivial
    }
}
