import Testing
@testable import TrawlGraph

struct PageRankTests {
    /// Computed once with networkx 3.6.1 (scipy power iteration):
    ///
    ///     import networkx as nx
    ///     links = [(0,1),(0,2),(0,5),(0,8),(1,2),(1,12),(2,0),(2,3),(2,13),(3,4),(3,7),(4,2),(4,7),(5,6),
    ///              (6,6),(6,7),(6,15),(8,9),(8,14),(9,7),(9,10),(9,15),(9,16),(10,8),(10,11),(15,13)]
    ///     redirects = [(5,6),(16,10)]
    ///     G = nx.DiGraph()
    ///     G.add_nodes_from(range(17))
    ///     G.add_edges_from(links + redirects)
    ///     pr = nx.pagerank(G, alpha=0.85, tol=1e-12, max_iter=1000)
    ///     for n in range(17): print(n, repr(pr[n]))
    static let networkxRanks: [Double] = [
        0.04644772481794267, 0.03617014989614204, 0.07110958745561799, 0.04644772481794267,
        0.04604029142003409, 0.03617014989614204, 0.07959716621031572, 0.09970244243054345,
        0.06592381953217519, 0.05431763167442618, 0.07000863443900793, 0.056053678008283155,
        0.041672322078140124, 0.09778350501679878, 0.05431763167442618, 0.060395035529173545,
        0.03784250510288807,
    ]

    @Test func agreesWithNetworkxToOneBillionth() throws {
        let ranks = try PageRank(graph: FixtureCrawl.graph())
        #expect(ranks.scores.count == 17)
        for (node, expected) in Self.networkxRanks.enumerated() {
            #expect(abs(ranks.scores[node] - expected) < 1e-9, "node \(node): \(ranks.scores[node]) vs networkx \(expected)")
        }
        #expect(abs(ranks.scores.reduce(0, +) - 1) < 1e-12)
    }

    /// Without the redirect hop 16→10, node 16 is dangling and 10 loses
    /// rank: redirects are edges, not decoration.
    @Test func redirectHopsCarryRank() throws {
        let with = try PageRank(graph: FixtureCrawl.graph()).scores
        let without = try PageRank(graph: FixtureCrawl.graph(withRedirects: false)).scores
        #expect(without[10] < with[10])
    }

    @Test func emptyGraphHasNoRanks() throws {
        let ranks = try PageRank(graph: LinkGraph(nodeCount: 0, links: EdgeList(), redirects: EdgeList()))
        #expect(ranks.scores.isEmpty)
        #expect(ranks.iterations == 0)
    }

    /// Only a self-loop: a node that is not dangling and keeps its rank.
    @Test func singleSelfLoopKeepsAllRank() throws {
        let ranks = try PageRank(graph: LinkGraph(nodeCount: 1, links: EdgeList([(0, 0)]), redirects: EdgeList()))
        #expect(ranks.scores == [1.0])
        #expect(ranks.iterations == 1)
    }

    @Test func tooFewIterationsIsAnError() {
        let error = #expect(throws: GraphError.self) {
            try PageRank(graph: FixtureCrawl.graph(), parameters: PageRank.Parameters(maxIterations: 3))
        }
        #expect(error?.code == .notConverged)
        #expect(error?.message == "PageRank did not converge in 3 iterations (damping 0.85, tolerance 1e-12 × 17 nodes)")
    }
}
