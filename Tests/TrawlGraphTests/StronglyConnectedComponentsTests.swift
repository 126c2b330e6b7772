import Testing
@testable import TrawlGraph

struct StronglyConnectedComponentsTests {
    /// networkx (same graph as PageRankTests): 10 components, largest 5,
    /// nontrivial [[0, 1, 2, 3, 4], [8, 9, 10, 16]].
    @Test func fixtureHasTwoCyclesAndEightSingletons() {
        let components = StronglyConnectedComponents(graph: FixtureCrawl.graph())
        #expect(components.count == 10)
        #expect(components.largestSize == 5)
        #expect(components.nontrivialCount == 2)
        let groups = Dictionary(grouping: 0..<17) { components.componentOfNode[$0] }.values.map { $0.sorted() }
        #expect(groups.filter { $0.count > 1 }.sorted { $0[0] < $1[0] } == [[0, 1, 2, 3, 4], [8, 9, 10, 16]])
    }

    /// 16 reaches b.test's cycle only through its redirect hop.
    @Test func redirectHopJoinsAComponent() {
        let components = StronglyConnectedComponents(graph: FixtureCrawl.graph(withRedirects: false))
        #expect(components.count == 11)
        #expect(components.largestSize == 5)
        #expect(components.componentOfNode[16] != components.componentOfNode[9])
    }

    /// A 300,000-page chain closed into one cycle: a recursive walk would
    /// need 300,000 frames and overflow the stack.
    @Test func longChainIsOneComponentWithoutRecursion() {
        let length = 300_000
        var edges = EdgeList()
        for node in 0..<length { edges.append(source: node, target: (node + 1) % length) }
        let components = StronglyConnectedComponents(graph: LinkGraph(nodeCount: length, links: edges, redirects: EdgeList()))
        #expect(components.count == 1)
        #expect(components.largestSize == length)
    }

    @Test func emptyGraphHasNoComponents() {
        let components = StronglyConnectedComponents(graph: LinkGraph(nodeCount: 0, links: EdgeList(), redirects: EdgeList()))
        #expect(components.count == 0)
        #expect(components.largestSize == 0)
    }
}
