import Foundation
import Testing
@testable import TrawlCore

/// A generated export replaces its file whole or not at all.
struct ChunkedWriterTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-chunked-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func commitReplacesTheFileWhole() throws {
        let path = try Self.folder() + "/graph.dot"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let writer = try ChunkedWriter(path: path)
        try writer.write(String(repeating: "x", count: 100_000))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8).count == 100_000)
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
    }

    /// What happens when a write throws: the writer is dropped uncommitted.
    @Test func aWriterDroppedBeforeCommitLeavesNoPartialFile() throws {
        let path = try Self.folder() + "/graph.dot"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try ChunkedWriter(path: path)
            try writer.write(String(repeating: "x", count: 100_000))
            #expect(FileManager.default.fileExists(atPath: path + ".partial"))
        }
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    }
}
