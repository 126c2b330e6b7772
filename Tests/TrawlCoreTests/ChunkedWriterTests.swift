import Foundation
import Testing
@testable import TrawlCore

/// A generated export replaces its file whole or not at all, through a
/// temporary file no one can predict, and never writes through a link.
struct ChunkedWriterTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-chunked-\(getpid())-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func commitReplacesTheFileWhole() throws {
        let folder = try Self.folder()
        let path = folder + "/graph.dot"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let writer = try ChunkedWriter(path: path)
        try writer.write(String(repeating: "x", count: 100_000))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        let names = try Self.names(folder)
        #expect(names.count == 2 && names[0].hasPrefix(".graph.dot.tmp-") && names[0].count == ".graph.dot.tmp-".count + 6, "\(names)")
        try writer.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8).count == 100_000)
        #expect(try Self.names(folder) == ["graph.dot"])
    }

    /// What happens when a write throws: the writer is dropped uncommitted.
    @Test func aWriterDroppedBeforeCommitLeavesNoTemporaryFile() throws {
        let folder = try Self.folder()
        let path = folder + "/graph.dot"
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let writer = try ChunkedWriter(path: path)
            try writer.write(String(repeating: "x", count: 100_000))
            #expect(try Self.names(folder).count == 2)
        }
        #expect(try Self.names(folder) == ["graph.dot"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
    }

    /// A link planted at the final name is replaced by the file; what it
    /// pointed to is untouched.
    @Test func aLinkAtTheFinalNameIsReplacedNotFollowed() throws {
        let folder = try Self.folder()
        let outside = try Self.folder() + "/precious"
        try "precious\n".write(toFile: outside, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/graph.dot", withDestinationPath: outside)
        let writer = try ChunkedWriter(path: folder + "/graph.dot")
        try writer.write("digraph {}\n")
        try writer.commit()
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
        let type = try FileManager.default.attributesOfItem(atPath: folder + "/graph.dot")[.type] as? FileAttributeType
        #expect(type == .typeRegular)
        #expect(try String(contentsOfFile: folder + "/graph.dot", encoding: .utf8) == "digraph {}\n")
    }

    /// Space reserved up front is still there once the disk is full: the
    /// reserved writer commits, an unreserved one fails naming its file.
    @Test(.enabled(if: Tmpfs.isAvailable, "needs permission to mount a tmpfs"))
    func reservedSpaceOutlastsAFullDisk() throws {
        try Tmpfs.withMounted(size: "128k") { mount in
            let folder = try FolderHandle(opening: mount)
            let reserved = try ChunkedWriter(name: "report.json", in: folder, reserving: 16 << 10)
            let filler = try OutputFile(creating: "filler", in: folder)
            var full = false
            for _ in 0..<1000 where !full {
                do { try filler.write(String(repeating: "f", count: 4096)) } catch { full = true }
            }
            #expect(full)
            let unreserved = try ChunkedWriter(name: "graph.dot", in: folder)
            #expect(throws: TrawlError.self) {
                try unreserved.write(String(repeating: "g", count: 70_000))
                try unreserved.commit()
            }
            let report = String(repeating: "r", count: 12_000)
            try reserved.write(report)
            try reserved.commit()
            #expect(try String(contentsOfFile: mount + "/report.json", encoding: .utf8) == report)
        }
    }
}
