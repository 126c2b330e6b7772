/// Everything `trawl graph` reports about a crawl's link graph, computed
/// once; `text(...)` and `json(...)` only lay it out.
public struct GraphSummary: Sendable {
    public let nodeCount: Int
    /// Nodes with a status: a response arrived.
    public let fetchedCount: Int
    public let edgeCount: Int
    public let linkEdgeCount: Int
    public let redirectEdgeCount: Int
    /// Redirect hops that are also link edges, counted once in `edgeCount`.
    public let sharedEdgeCount: Int
    public let inDegree: DegreeSummary
    public let outDegree: DegreeSummary
    public let topByInDegree: [RankedPage<Int>]
    public let pageRank: PageRank.Parameters
    public let pageRankIterations: Int
    public let topByPageRank: [RankedPage<Double>]
    public let componentCount: Int
    public let nontrivialComponentCount: Int
    public let largestComponentSize: Int
    /// All of them; the layouts cut the list.
    public let brokenLinks: [BrokenLink]

    /// `top`: how many pages each top list holds.
    public init(nodes: CrawlNodes, graph: LinkGraph, top: Int, pageRank parameters: PageRank.Parameters = PageRank.Parameters()) throws {
        nodeCount = nodes.count
        fetchedCount = (0..<nodes.count).count(where: nodes.isFetched)
        edgeCount = graph.edgeCount
        linkEdgeCount = graph.linkEdgeCount
        redirectEdgeCount = graph.redirectEdgeCount
        sharedEdgeCount = graph.sharedEdgeCount

        let inDegrees = graph.inDegrees()
        inDegree = DegreeSummary(degrees: inDegrees)
        outDegree = DegreeSummary(degrees: graph.outDegrees())
        topByInDegree = TopPages.select(top, values: inDegrees, urls: nodes.urls)
            .map { RankedPage(id: $0.id, url: $0.url, value: Int($0.value)) }

        let ranks = try PageRank(graph: graph, parameters: parameters)
        pageRank = parameters
        pageRankIterations = ranks.iterations
        topByPageRank = TopPages.select(top, values: ranks.scores, urls: nodes.urls)

        let components = StronglyConnectedComponents(graph: graph)
        componentCount = components.count
        nontrivialComponentCount = components.nontrivialCount
        largestComponentSize = components.largestSize

        brokenLinks = BrokenLinks.find(nodes: nodes, graph: graph)
    }

    /// Reads a crawl's output folder and summarizes it.
    public init(folder: CrawlFolder, top: Int) throws {
        let (nodes, graph) = try folder.load()
        try self.init(nodes: nodes, graph: graph, top: top)
    }
}
