import Foundation
import Testing
@testable import TrawlCore

/// A crawl's folder is its own: a new default folder per run, an existing
/// crawl's files refused or (--overwrite) removed without following links,
/// and one crawl at a time.
struct OutputFolderClaimTests {
    static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    static func names(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    static func claimError(_ path: String, overwrite: Bool = false) -> String? {
        do {
            _ = try OutputFolder(claiming: path, overwrite: overwrite)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aTakenDefaultNameGetsASuffix() throws {
        let base = try ExternalSortTests.folder("unique") + "/output/crawl-20261203-101500"
        #expect(try OutputFolder.createUnique(base) == base)
        #expect(try OutputFolder.createUnique(base) == base + "-2")
        #expect(try OutputFolder.createUnique(base) == base + "-3")
    }

    /// Eight crawls naming their folder in the same second at once.
    @Test func concurrentCrawlsGetDistinctFolders() async throws {
        let base = try ExternalSortTests.folder("race") + "/crawl-20261203-101500"
        let made = await withTaskGroup(of: String?.self) { group in
            for _ in 0..<8 { group.addTask { try? OutputFolder.createUnique(base) } }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(Set(made.compactMap { $0 }) == Set([base] + (2...8).map { "\(base)-\($0)" }))
    }

    @Test func aFolderHoldingACrawlsFilesIsRefused() throws {
        let path = try ExternalSortTests.folder("refuse")
        // A lock file left by a killed crawl is no crawl's file.
        for name in ["pages.jsonl", "graph.dot.partial", ".edges.csv.tmp-Ab12Cd", "notes.txt", ".trawl.lock"] {
            try Self.write("kept\n", to: path + "/" + name)
        }
        #expect(Self.claimError(path) == "output folder '\(path)' already holds a crawl's files (.edges.csv.tmp-Ab12Cd, graph.dot.partial, pages.jsonl); pass --overwrite to replace them, or choose another --out")
        #expect(try Self.names(path) == [".edges.csv.tmp-Ab12Cd", "graph.dot.partial", "notes.txt", "pages.jsonl"])
    }

    /// --overwrite unlinks exactly the crawl's files: links go, what they
    /// point to stays; other files stay; nothing is followed.
    @Test func overwriteRemovesTheCrawlsFilesAndNeverFollowsLinks() throws {
        let path = try ExternalSortTests.folder("overwrite")
        let outside = try ExternalSortTests.folder("outside")
        for name in ["pages.jsonl", "report.json", "graph.graphml.partial"] {
            try Self.write("outside \(name)\n", to: outside + "/" + name)
            try FileManager.default.createSymbolicLink(atPath: path + "/" + name, withDestinationPath: outside + "/" + name)
        }
        try Self.write("old\n", to: path + "/edges.csv")
        try Self.write("mine\n", to: path + "/notes.txt")
        do {
            let folder = try OutputFolder(claiming: path, overwrite: true)
            #expect(folder.path == path)
            #expect(try Self.names(path) == [".trawl.lock", "notes.txt"])
        }
        #expect(try Self.names(path) == ["notes.txt"])
        for name in ["pages.jsonl", "report.json", "graph.graphml.partial"] {
            #expect(try Self.read(outside + "/" + name) == "outside \(name)\n")
        }
    }

    @Test func aFolderInAnExportsPlaceIsNotEntered() throws {
        let path = try ExternalSortTests.folder("dir")
        try FileManager.default.createDirectory(atPath: path + "/graph.dot", withIntermediateDirectories: true)
        try Self.write("inner\n", to: path + "/graph.dot/inner")
        #expect(Self.claimError(path, overwrite: true) == "cannot remove '\(path)/graph.dot' (--overwrite): Is a directory")
        #expect(try Self.read(path + "/graph.dot/inner") == "inner\n")
        #expect(try Self.names(path) == ["graph.dot"])
    }

    /// flock locks belong to an open file, so a second claim conflicts even
    /// in the same process; once the first ends, the folder is free again.
    @Test func oneCrawlAtATime() throws {
        let path = try ExternalSortTests.folder("lock")
        do {
            let first = try OutputFolder(claiming: path)
            #expect(try Self.read(path + "/.trawl.lock") == "\(getpid())\n")
            #expect(Self.claimError(path, overwrite: true) == "output folder '\(path)' is in use by another crawl (pid \(getpid()))")
            _ = first
        }
        #expect(try Self.names(path) == [])
        #expect(Self.claimError(path) == nil)
    }

    @Test func aLinkPlantedAsTheLockIsRefused() throws {
        let path = try ExternalSortTests.folder("locklink")
        let outside = try ExternalSortTests.folder("lockoutside") + "/target"
        try Self.write("outside\n", to: outside)
        try FileManager.default.createSymbolicLink(atPath: path + "/.trawl.lock", withDestinationPath: outside)
        #expect(Self.claimError(path) == "cannot create lock file '\(path)/.trawl.lock': Too many levels of symbolic links")
        #expect(try Self.read(outside) == "outside\n")
    }

    /// The streaming files are created with O_EXCL: a link that appears at
    /// their name after the claim is refused, not followed.
    @Test func aLinkAtAStreamingFilesNameIsRefused() throws {
        let path = try ExternalSortTests.folder("excl")
        let folder = try OutputFolder(claiming: path)
        let outside = try ExternalSortTests.folder("exclout") + "/target"
        try Self.write("outside\n", to: outside)
        try FileManager.default.createSymbolicLink(atPath: path + "/edges.csv", withDestinationPath: outside)
        #expect(throws: TrawlError.self) { try CrawlExports(folder: folder) }
        #expect(try Self.read(outside) == "outside\n")
        // pages.jsonl, made before edges.csv failed, is removed again.
        #expect(try Self.names(path) == [".trawl.lock", "edges.csv"])
    }

    @Test func missingParentsAreCreatedAndErrorsNameTheFolder() throws {
        let root = try ExternalSortTests.folder("parents")
        #expect(Self.claimError(root + "/a/b/c") == nil)
        try Self.write("file\n", to: root + "/file")
        #expect(Self.claimError(root + "/file") == "cannot open output folder '\(root)/file': Not a directory")
        #expect(Self.claimError(root + "/file/out") == "cannot create output folder '\(root)/file/out': Not a directory")
    }
}
