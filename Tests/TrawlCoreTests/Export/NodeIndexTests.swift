import Foundation
import Testing
@testable import TrawlCore

struct NodeIndexTests {
    private static let urls = ["http://a.test/", "http://a.test/x", "http://b.test:8080/", "http://b.test:8080/y",
                               "https://[::1]/z"]

    private func sortedNodes(in path: String) throws -> SortedNodes {
        let nodes = GraphNodes(folder: try FolderHandle(opening: path))
        for url in Self.urls.reversed() {
            try nodes.note(url, info: url.hasSuffix("/") ? GraphNodes.Info(status: 200, depth: 0, bytes: 10) : nil)
        }
        try nodes.note("http://a.test/x", info: GraphNodes.Info(status: 500, depth: 1, bytes: 3, error: "http-5xx"))
        return try nodes.sorted(by: ExternalSort())
    }

    private func ids(_ index: NodeIndex, _ urls: [String]) -> [Int?] {
        urls.map { url in
            var url = url
            return url.withUTF8 { index.id(of: UnsafeRawBufferPointer($0)) }
        }
    }

    @Test func idsAreURLOrderAndHostsAreCounted() throws {
        let path = try ExternalSortTests.folder("index")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let index = try NodeIndex(sortedNodes(in: path))
        #expect(index.count == 5)
        #expect(ids(index, Self.urls) == [0, 1, 2, 3, 4])
        #expect(index.hostNames == ["a.test", "b.test", "[::1]"])
        #expect(index.hostOfNode == [0, 0, 1, 1, 2])
        #expect(index.hostStats.map(\.pages) == [2, 1, 0])
        #expect(index.hostStats.map(\.errors) == [1, 0, 0])
        #expect(index.hostStats.map(\.bytes) == [13, 10, 0])
    }

    /// Every node given one fingerprint: the collision is caught while
    /// the index is built, and ids are then looked up by URL, exactly.
    @Test func collidingFingerprintsFallBackToURLs() throws {
        let path = try ExternalSortTests.folder("collide")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let index = try NodeIndex(sortedNodes(in: path), fingerprint: { _ in URLFingerprint(hash: 42) })
        #expect(ids(index, Self.urls) == [0, 1, 2, 3, 4])
        #expect(ids(index, ["http://a.test/none"]) == [nil])
        #expect(index.hostOfNode == [0, 0, 1, 1, 2])
    }

    /// Two of five collide: the same fallback.
    @Test func oneCollisionIsEnough() throws {
        let path = try ExternalSortTests.folder("one")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let index = try NodeIndex(sortedNodes(in: path)) { bytes in
            URLFingerprint(hash: bytes.last == UInt8(ascii: "z") ? 7 : URLFingerprint(bytes: bytes).rawValue)
        }
        #expect(ids(index, Self.urls) == [0, 1, 2, 3, 4])
    }
}

private extension GraphNodes.Info {
    init(status: Int?, depth: Int, bytes: Int, error: String? = nil) {
        self.init(status: status, depth: depth, title: nil, contentType: nil, bytes: bytes, error: error, fetchedAt: nil)
    }
}
