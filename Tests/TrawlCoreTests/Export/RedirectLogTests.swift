import Foundation
import Testing
@testable import TrawlCore

struct RedirectLogTests {
    @Test func hopsComeBySourceThenTargetThenOrderFound() throws {
        let path = try ExternalSortTests.folder("redirects")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = RedirectLog(folder: try FolderHandle(opening: path))
        try log.append(from: "http://a.test/b", to: "http://a.test/c", status: 301)
        try log.append(from: "http://a.test/a", to: "http://a.test/z", status: 302)
        try log.append(from: "http://a.test/a", to: "http://a.test/c", status: 308)
        try log.append(from: "http://a.test/b", to: "http://a.test/c", status: 302)  // the same hop again, later
        try log.append(from: "http://a.test", to: "http://a.test/", status: 70_000)  // clamped as before
        var hops: [String] = []
        try log.sorted(by: ExternalSort()).forEach { hops.append("\($0) \($1) \($2)") }
        #expect(hops == [
            "http://a.test http://a.test/ 32767",
            "http://a.test/a http://a.test/c 308",
            "http://a.test/a http://a.test/z 302",
            "http://a.test/b http://a.test/c 301",
            "http://a.test/b http://a.test/c 302",
        ])
    }

    /// Enough hops to leave the buffer and be sorted in runs on disk; the
    /// order found still breaks ties, past 16 of them (hex digits).
    @Test func manyHopsSortedInRuns() throws {
        let path = try ExternalSortTests.folder("many")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = RedirectLog(folder: try FolderHandle(opening: path))
        var expected: [(String, String, Int, Int)] = []
        for index in 0..<5_000 {
            let hop = ("http://h.test/\(index % 50)", "http://h.test/to/\(index % 7)", 300 + index % 9, index)
            try log.append(from: hop.0, to: hop.1, status: hop.2)
            expected.append(hop)
        }
        expected.sort { a, b in
            if a.0 != b.0 { return a.0.utf8.lexicographicallyPrecedes(b.0.utf8) }
            if a.1 != b.1 { return a.1.utf8.lexicographicallyPrecedes(b.1.utf8) }
            return a.3 < b.3
        }
        var hops: [String] = []
        try log.sorted(by: ExternalSort(runBytes: 4_096, fanIn: 3)).forEach { hops.append("\($0) \($1) \($2)") }
        #expect(hops == expected.map { "\($0.0) \($0.1) \($0.2)" })
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
    }
}
