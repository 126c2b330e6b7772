import Foundation
import Testing
@testable import TrawlCore

/// pages.jsonl and edges.csv always agree, the first write failure is the
/// one reported, and the finish hashes exactly the rows edges.csv holds —
/// with the hash the in-memory sort gave before, whatever the run size.
@Suite(.timeLimit(.minutes(2)))
struct CrawlExportsTests {
    static let host = "http://h0.trawl.test"
    /// Four pages whose rows need quoting and sort by their bytes.
    static let pages: [(source: String, targets: [String])] = [
        ("\(host)/", ["\(host)/a,b", "\(host)/it's?x=1&y=2", "\(host)/é"]),
        ("\(host)/a,b", ["\(host)/", "\(host)/x!"]),
        ("\(host)/x", ["\(host)/x/y", "\(host)/"]),
        ("\(host)/x!", ["\(host)/x"]),
    ]
    /// `LC_ALL=C sort | sha256sum` of their rows, computed outside trawl.
    static let pagesHash = "f6d484e45bd776594b6387c3d46aea4875397bc5f4d0a8286d0c397eab0e8cc0"

    static func page(_ source: String, _ targets: [String], title: String? = nil) -> PageMessage {
        PageMessage(
            record: PageRecord(url: source, finalURL: source, status: 200, contentType: "text/html", bytes: 100, depth: 1,
                               elapsedMilliseconds: 1, error: nil, errorDetail: nil, title: title, outlinks: targets.count),
            source: source, edgeTargets: targets)
    }

    static func exports(_ name: String) throws -> CrawlExports {
        try CrawlExports(directory: ExternalSortTests.folder(name) + "/out")
    }

    /// The hash the finish gave before the external sort: every row sorted
    /// in memory, each followed by "\n".
    static func inMemoryHash(ofEdgesFile path: String) throws -> String {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        var hash = SHA256()
        try SortedLines(bytes, from: "source,target\n".utf8.count).forEach { row in
            hash.update(row)
            hash.update([0x0A])
        }
        return hash.finalizeHex()
    }

    @Test(arguments: [16 << 20, 64])
    func theEdgeSetHashIsUnchanged(runBytes: Int) throws {
        let exports = try Self.exports("hash")
        exports.sorter.runBytes = runBytes
        exports.sorter.fanIn = 2
        for page in Self.pages { try exports.record(Self.page(page.source, page.targets)) }
        var failure: TrawlError?
        let edgeSet = exports.finishGraph(keepingFirst: &failure)
        #expect(failure == nil)
        #expect(edgeSet == RunReport.EdgeSet(edges: 8, nodes: 7, sha256: Self.pagesHash))
        #expect(try Self.inMemoryHash(ofEdgesFile: exports.edgesPath) == Self.pagesHash)
        #expect(try EdgeFileHash.sha256(ofSortedEdgesFile: exports.edgesPath) == Self.pagesHash)
    }

    /// Thousands of rows through 8 KiB runs: the hash, edges.csv and the
    /// graph files are those of the in-memory sort, and once the exports
    /// are done with, the folder holds the exports and nothing else.
    @Test func manyRunsGiveTheSameFilesAsOneRun() throws {
        var outputs: [[String: Data]] = []
        var hashes: [String] = []
        for runBytes in [16 << 20, 8192] {
            let directory: String
            do {
                let exports = try Self.exports("runs")
                directory = exports.directory
                exports.sorter.runBytes = runBytes
                exports.sorter.fanIn = 3
                for (index, row) in ExternalSortTests.rows(3000).enumerated() {
                    let (source, target) = try #require(CSV.parseRow(Substring(row)))
                    try exports.record(Self.page(source + "#\(index % 500)", [target]))
                }
                var failure: TrawlError?
                hashes.append(exports.finishGraph(keepingFirst: &failure).sha256)
                #expect(failure == nil)
                #expect(hashes.last == (try Self.inMemoryHash(ofEdgesFile: exports.edgesPath)))
                // While the crawl lasts: its lock, and report.json's reserved space.
                let hidden = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }.sorted()
                #expect(hidden.count == 2 && hidden[0].hasPrefix(".report.json.tmp-") && hidden[1] == ".trawl.lock", "\(hidden)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
                    == ["edges-ids.csv", "edges.csv", "graph.dot", "graph.graphml", "host-edges.csv", "hosts.csv", "nodes.csv",
                        "pages.jsonl", "redirects.csv"])
            outputs.append(Dictionary(uniqueKeysWithValues: try ["edges.csv", "edges-ids.csv", "graph.dot", "graph.graphml"].map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)))
            }))
        }
        #expect(hashes[0] == hashes[1])
        #expect(outputs[0] == outputs[1])
    }

    /// pages.jsonl on /dev/full: the page's edges were written first, and
    /// are cut off again when its line fails, so edges.csv keeps only its
    /// header; every later record throws that first error, unchanged.
    @Test func aPageWhoseLineFailsLeavesNoEdges() throws {
        let path = try ExternalSortTests.folder("devfull") + "/out"
        let folder = try OutputFolder(claiming: path)
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(full >= 0)
        let edges = try OutputFile(creating: "edges.csv", in: folder.handle)
        let exports = try CrawlExports(folder: folder, pagesFile: OutputFile(descriptor: full, path: path + "/pages.jsonl"), edgesFile: edges)
        let first = Self.pages[0]
        var messages: [String] = []
        for page in [Self.page(first.source, first.targets), Self.page(Self.pages[1].source, []), Self.page(first.source, first.targets)] {
            do {
                try exports.record(page)
            } catch let error as TrawlError {
                messages.append(error.description)
            }
        }
        #expect(messages == Array(repeating: "cannot write '\(path)/pages.jsonl': No space left on device", count: 3))
        #expect(try String(contentsOfFile: path + "/edges.csv", encoding: .utf8) == "source,target\n")
        #expect(exports.recordFailure?.description == messages.first)
        // The caller saw the failure when `record` threw: the finish does not
        // throw it again, and still returns the edge set.
        let edgeSet = try exports.finishGraph()
        #expect(edgeSet == RunReport.EdgeSet(edges: 0, nodes: 0, sha256: Self.emptyHash))
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// edges.csv fails (its descriptor turned into /dev/full after the
    /// header): the page's line is never written, and a later page without
    /// edges is refused with the same first error.
    @Test func aPageWhoseEdgesFailHasNoLine() throws {
        let path = try ExternalSortTests.folder("edgesfull") + "/out"
        let folder = try OutputFolder(claiming: path)
        let edgesDescriptor = try folder.handle.createNew("edges.csv")
        let exports = try CrawlExports(folder: folder, pagesFile: OutputFile(creating: "pages.jsonl", in: folder.handle),
                                       edgesFile: OutputFile(descriptor: edgesDescriptor, path: path + "/edges.csv"))
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(full >= 0 && dup2(full, edgesDescriptor) == edgesDescriptor)
        close(full)
        var messages: [String] = []
        for page in [Self.page(Self.pages[0].source, Self.pages[0].targets), Self.page(Self.pages[1].source, [])] {
            do {
                try exports.record(page)
            } catch let error as TrawlError {
                messages.append(error.description)
            }
        }
        #expect(messages == Array(repeating: "cannot write '\(path)/edges.csv': No space left on device", count: 2))
        #expect(try String(contentsOfFile: path + "/pages.jsonl", encoding: .utf8) == "")
    }

    /// A disk that fills mid-crawl (a 256 KiB tmpfs): pages.jsonl and
    /// edges.csv agree exactly; the first failure is the one kept; the edge
    /// set is the hash of the rows edges.csv holds; report.json is written
    /// from the space reserved for it; no temporary file is left.
    @Test(.enabled(if: Tmpfs.isAvailable, "needs permission to mount a tmpfs"))
    func aFullDiskKeepsTheFilesInAgreement() throws {
        try Tmpfs.withMounted(size: "256k") { try Self.fillAndFinish(mount: $0) }
    }

    static func fillAndFinish(mount: String) throws {
        do {
            let exports = try CrawlExports(directory: mount + "/out")
            var recorded: [String] = []
            var firstError: TrawlError?
            for index in 0..<10_000 {
                let source = "\(Self.host)/p\(index)"
                // Long titles and rows, so either file can be the one that fails.
                let targets = (0..<(index % 7)).map { "\(Self.host)/p\(index)/t\($0)/" + String(repeating: "e", count: 100) }
                do {
                    try exports.record(Self.page(source, targets, title: String(repeating: "t", count: 50 * (index % 11))))
                    recorded.append(source)
                } catch let error as TrawlError {
                    firstError = error
                    break
                }
            }
            let error = try #require(firstError)
            let named = ["pages.jsonl", "edges.csv"].map { "cannot write '\(mount)/out/\($0)': No space left on device" }
            #expect(named.contains(error.description), "\(error)")
            var failure: TrawlError?
            let edgeSet = exports.finishGraph(keepingFirst: &failure)
            #expect(failure?.description == error.description)

            let out = mount + "/out"
            let pageLines = try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(pageLines.count == recorded.count)
            let rows = try String(contentsOfFile: out + "/edges.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            let sources = Set(rows.map { String($0.prefix { $0 != "," }) })
            #expect(sources == Set(recorded.filter { Int($0.split(separator: "p").last!)! % 7 != 0 }))
            #expect(edgeSet.edges == rows.count)
            #expect(edgeSet.sha256 == (try Self.inMemoryHash(ofEdgesFile: out + "/edges.csv")))

            // report.json's space was set aside at the start.
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).contains { $0.hasPrefix(".report.json.tmp-") })
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") })
            #expect(names.isSuperset(of: ["pages.jsonl", "edges.csv"]) && names.isSubset(of: ["pages.jsonl", "edges.csv", "graph.graphml", "graph.dot"]),
                    "\(names)")
        }
    }
}
