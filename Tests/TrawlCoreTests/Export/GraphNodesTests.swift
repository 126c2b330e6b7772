import Foundation
import Testing
@testable import TrawlCore

/// The node log: each node once, in URL byte order, the first fetch's
/// details winning, whether the log stays in its buffer or goes to disk
/// and is sorted in runs; and nothing of it left in the folder.
struct GraphNodesTests {
    private static func info(_ status: Int?, title: String? = nil, contentType: String? = nil, error: String? = nil,
                             fetchedAt: Int64? = nil) -> GraphNodes.Info {
        GraphNodes.Info(status: status, depth: 2, title: title, contentType: contentType, bytes: 1234, error: error,
                        fetchedAt: fetchedAt)
    }

    private func collect(_ nodes: SortedNodes) throws -> [(String, GraphNodes.Info?)] {
        var all: [(String, GraphNodes.Info?)] = []
        try nodes.forEach { all.append(($0, $1)) }
        return all
    }

    @Test func eachNodeOnceInURLOrderWithItsFirstFetch() throws {
        let path = try ExternalSortTests.folder("nodes")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let nodes = GraphNodes(folder: try FolderHandle(opening: path))
        try nodes.note("http://a.test/b", info: nil)
        try nodes.note("http://a.test/", info: Self.info(200, title: "Home"))
        try nodes.note("http://a.test/b", info: Self.info(404, error: "http-4xx"))
        try nodes.note("http://a.test/b", info: Self.info(200))  // a later fetch: ignored
        try nodes.note("http://a.test/", info: nil)  // known: ignored
        try nodes.note("http://a.test/a", info: nil)
        try nodes.note("http://a.test", info: nil)  // a prefix of the others sorts first
        #expect(nodes.count == 4)
        let sorted = try collect(nodes.sorted(by: ExternalSort()))
        #expect(sorted.map(\.0) == ["http://a.test", "http://a.test/", "http://a.test/a", "http://a.test/b"])
        #expect(sorted.map(\.1) == [nil, Self.info(200, title: "Home"), nil, Self.info(404, error: "http-4xx")])
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
    }

    @Test func edgesAreWrittenOncePerSource() throws {
        let path = try ExternalSortTests.folder("edges")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let nodes = GraphNodes(folder: try FolderHandle(opening: path))
        try nodes.note("http://a.test/", info: Self.info(200))
        #expect(!nodes.hasEdges(from: "http://a.test/"))
        nodes.noteEdges(from: "http://a.test/")
        #expect(nodes.hasEdges(from: "http://a.test/"))
        try nodes.note("http://a.test/", info: Self.info(500))  // still its first fetch
        #expect(try collect(nodes.sorted(by: ExternalSort())).map(\.1) == [Self.info(200)])
    }

    /// Texts that need escaping, nil beside empty, and numbers that are nil.
    @Test func detailsSurviveTheLog() throws {
        let details = [
            GraphNodes.Info(status: nil, depth: 0, title: nil, contentType: nil, bytes: 0, error: "dns", fetchedAt: nil),
            GraphNodes.Info(status: 200, depth: 7, title: "", contentType: "", bytes: 9, error: nil, fetchedAt: 1_764_000_000_123),
            GraphNodes.Info(status: 301, depth: 1, title: "a\tb\\nc\nd\re é =", contentType: "text/html; charset=\"x\"",
                            bytes: Int.max, error: nil, fetchedAt: -5),
        ]
        for info in details {
            let line = NodeRecord.line(url: "http://a.test/x", info: info)
            #expect(!line.contains("\n"))
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBytes { line in
                #expect(Array(NodeRecord.url(of: UnsafeRawBufferPointer(line))) == Array("http://a.test/x".utf8))
                #expect(NodeRecord.info(of: UnsafeRawBufferPointer(line)) == info)
            }
        }
        var seen = Array(NodeRecord.line(url: "http://a.test/x", info: nil).utf8)
        seen.withUnsafeMutableBytes { #expect(NodeRecord.info(of: UnsafeRawBufferPointer($0)) == nil) }
    }

    /// Past the log's 64 KiB buffer the lines go to a file, sorted in runs
    /// at the finish (tiny runs here), and the same nodes come back.
    @Test func aLogOnDiskSortedInRuns() throws {
        let path = try ExternalSortTests.folder("runs")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let nodes = GraphNodes(folder: try FolderHandle(opening: path))
        var expected: [String: GraphNodes.Info?] = [:]
        for index in 0..<6_000 {
            let url = "http://h\(index % 13).test/page/\((index * 7_919) % 6_000)"
            let fetched = index % 3 == 0 ? Self.info(200, title: "Page \(index)") : nil
            try nodes.note(url, info: fetched)
            if expected[url] == nil || (expected[url]! == nil && fetched != nil) { expected[url] = fetched }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).count == 1)  // the log
        let sorted = try collect(nodes.sorted(by: ExternalSort(runBytes: 8_192, fanIn: 4)))
        #expect(sorted.map(\.0) == expected.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(sorted.allSatisfy { expected[$0.0]! == $0.1 })
        #expect(nodes.count == expected.count)
    }
}
