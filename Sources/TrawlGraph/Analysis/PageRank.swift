/// PageRank by power iteration, with networkx.pagerank's semantics so its
/// numbers can be checked against networkx: every edge weighs 1 (self-loops
/// included), a dangling node's rank is spread over all nodes uniformly,
/// teleports are uniform, the start vector is uniform, and iteration stops
/// at the first step whose L1 change is below `nodeCount × tolerance`.
public struct PageRank: Sendable {
    public struct Parameters: Sendable, Equatable {
        public var damping: Double
        /// networkx's `tol`. Iteration stops once the L1 change is below
        /// `nodeCount × tolerance`; the L1 distance to the fixed point is then
        /// at most damping / (1 − damping) ≈ 5.7 times that, so the average
        /// rank is within ~6 × tolerance of exact. networkx's default, 1e-6,
        /// is coarse next to ranks of ~1/nodeCount; 1e-12 is not.
        public var tolerance: Double
        /// networkx's `max_iter`; 0.85 damping converges in a few hundred.
        public var maxIterations: Int

        public init(damping: Double = 0.85, tolerance: Double = 1e-12, maxIterations: Int = 1000) {
            self.damping = damping
            self.tolerance = tolerance
            self.maxIterations = maxIterations
        }
    }

    /// Indexed by node id; sums to 1.
    public let scores: [Double]
    public let iterations: Int
    public let parameters: Parameters

    public init(graph: LinkGraph, parameters: Parameters = Parameters()) throws {
        self.parameters = parameters
        let nodeCount = graph.nodeCount
        guard nodeCount > 0 else {
            (scores, iterations) = ([], 0)
            return
        }
        let uniform = 1 / Double(nodeCount)
        let damping = parameters.damping
        let dangling = (0..<nodeCount).filter { graph.outDegree(of: $0) == 0 }
        var rank = [Double](repeating: uniform, count: nodeCount)
        var next = [Double](repeating: 0, count: nodeCount)
        for iteration in 1...Swift.max(1, parameters.maxIterations) {
            let danglingRank = dangling.reduce(0) { $0 + rank[$1] }
            let base = damping * danglingRank * uniform + (1 - damping) * uniform
            for node in 0..<nodeCount { next[node] = base }
            // Push each node's rank along its out-edges: one pass over the
            // CSR arrays, no reverse graph needed.
            for node in 0..<nodeCount {
                let degree = graph.outDegree(of: node)
                guard degree > 0 else { continue }
                let share = damping * rank[node] / Double(degree)
                for target in graph.successors(of: node) { next[Int(target)] += share }
            }
            var change = 0.0
            for node in 0..<nodeCount { change += abs(next[node] - rank[node]) }
            swap(&rank, &next)
            if change < Double(nodeCount) * parameters.tolerance {
                (scores, iterations) = (rank, iteration)
                return
            }
        }
        throw GraphError(.notConverged, "PageRank did not converge in \(parameters.maxIterations) iterations "
            + "(damping \(damping), tolerance \(parameters.tolerance) × \(nodeCount) nodes)")
    }
}
