import Foundation
import Testing
@testable import TrawlGraph

struct CrawlFolderTests {
    @Test func loadsNodesLinksAndRedirects() throws {
        let (nodes, graph) = try FixtureCrawl.withFolder { try CrawlFolder(path: $0).load() }
        #expect(nodes.count == 17)
        #expect(nodes.url(15) == "http://a.test/search?q=a,b")
        #expect(nodes.status(11) == nil && nodes.errorClass(11) == "dns")
        #expect(nodes.isFetched(16) && !nodes.isFetched(14))
        #expect(graph.edgeCount == 27)
        #expect((graph.linkEdgeCount, graph.redirectEdgeCount, graph.sharedEdgeCount) == (26, 2, 1))
        #expect(Array(graph.successors(of: 16)) == [10])
        #expect(Array(graph.successors(of: 6)) == [6, 7, 15])
    }

    /// Crawls from before redirects.csv: the links alone.
    @Test func missingRedirectsFileMeansNoRedirects() throws {
        let files = ["nodes.csv": FixtureCrawl.nodesCSV, "edges-ids.csv": FixtureCrawl.edgesCSV]
        let (_, graph) = try FixtureCrawl.withFolder(files) { try CrawlFolder(path: $0).load() }
        #expect((graph.edgeCount, graph.linkEdgeCount, graph.redirectEdgeCount) == (26, 26, 0))
    }

    @Test func missingFilesAreNamedWithTheFolder() throws {
        let error = try FixtureCrawl.withFolder(["edges.csv": "source,target\n"]) { folder in
            let error = #expect(throws: GraphError.self) { try CrawlFolder(path: folder).load() }
            #expect(error?.message == "'\(folder)/nodes.csv' and '\(folder)/edges-ids.csv' not found: "
                + "'\(folder)' is not a finished trawl crawl output (it needs nodes.csv and edges-ids.csv)")
            return error
        }
        #expect(error?.code == .missingFile)

        let onlyNodes = try FixtureCrawl.withFolder(["nodes.csv": FixtureCrawl.nodesCSV]) { folder in
            #expect(throws: GraphError.self) { try CrawlFolder(path: folder).load() }?.message.hasPrefix("'\(folder)/edges-ids.csv' not found: ")
        }
        #expect(onlyNodes == true)
    }

    @Test func malformedLineNamesFileAndLine() throws {
        // Line 3 of edges-ids.csv is a quoted field with text after it.
        let edges = "source_id,target_id\n0,1\n\"1\"x,2\n"
        try FixtureCrawl.withFolder(["nodes.csv": FixtureCrawl.nodesCSV, "edges-ids.csv": edges]) { folder in
            let error = #expect(throws: GraphError.self) { try CrawlFolder(path: folder).load() }
            #expect(error?.code == .malformedLine)
            #expect(error?.message == "\(folder)/edges-ids.csv line 3: text after a closing quote")
        }
    }

    @Test func edgeToAnUnknownNodeIsMalformed() {
        let error = #expect(throws: GraphError.self) {
            try EdgesFile.read(Array("source_id,target_id\n0,1\n1,17\n".utf8), nodeCount: 17)
        }
        #expect(error?.message == "edges-ids.csv line 3: target_id 17 is not a node (nodes.csv has ids 0..<17)")
    }

    /// The record of node 15 spans lines 17-18, so node 16's row is line 19.
    @Test func nodeIdsMustRunInRowOrder() {
        let skipped = FixtureCrawl.nodesCSV.replacingOccurrences(of: "\n16,", with: "\n17,")
        let error = #expect(throws: GraphError.self) { try NodesFile.read(Array(skipped.utf8)) }
        #expect(error?.message == "nodes.csv line 19: id 17 where 16 was expected (ids run 0, 1, 2, ... in row order)")
    }

    @Test func nodeRowsNeedTheHeadersFieldCount() {
        let text = "id,url,host,status,content_type,bytes,depth,error,title,fetched_at\n0,http://a/,a,200,text/html,1,0,,t\n"
        let error = #expect(throws: GraphError.self) { try NodesFile.read(Array(text.utf8)) }
        #expect(error?.message == "nodes.csv line 2: expected 10 fields, found 9")
    }

    @Test func headerMustNameTheColumnsRead() {
        let error = #expect(throws: GraphError.self) { try NodesFile.read(Array("id,address,status\n".utf8)) }
        #expect(error?.message == "nodes.csv line 1: the header lacks url, error; expected id,url,status,error")
        let empty = #expect(throws: GraphError.self) { try EdgesFile.read([UInt8](), nodeCount: 0) }
        #expect(empty?.message == "edges-ids.csv line 1: the file is empty; expected the header source_id,target_id")
    }

    @Test func redirectToAnUnknownURLIsMalformed() throws {
        let text = "source,target,status\nhttp://a.test/old,http://elsewhere.test/,301\n"
        let error = #expect(throws: GraphError.self) { try RedirectsFile.read(Array(text.utf8), nodes: FixtureCrawl.nodes()) }
        #expect(error?.message == "redirects.csv line 2: target 'http://elsewhere.test/' is not a URL of nodes.csv")
    }

    /// Link rows out of order or repeated still make each edge once.
    @Test func unsortedAndRepeatedEdgesAreMergedOnce() {
        let graph = LinkGraph(nodeCount: 3, links: EdgeList([(2, 0), (0, 2), (0, 1), (2, 0)]), redirects: EdgeList([(0, 1), (1, 2)]))
        #expect((graph.edgeCount, graph.linkEdgeCount, graph.redirectEdgeCount, graph.sharedEdgeCount) == (4, 3, 2, 1))
        #expect([0, 1, 2].map { Array(graph.successors(of: $0)) } == [[1, 2], [2], [0]])
    }
}
