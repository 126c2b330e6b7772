import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// Where the exports cannot be written. An `--out` that cannot be created
/// or written is refused before any fetch with a message naming the folder
/// (exit 73, EX_CANTCREAT). A write that fails mid-crawl (disk full, file
/// too large) stops the crawl with a message naming the file and the
/// system's reason (exit 74, EX_IOERR); every file left is well-formed and
/// no half-written file remains. Tests run as root here, who ignores mode
/// bits: /proc and paths under a regular file refuse root too.
@Suite(.timeLimit(.minutes(2)))
struct OutputFolderTests {
    static func seedsFile() throws -> String {
        try TrawlProcess.temporaryFile("seeds.txt", contents: "http://h0.trawl.test/\n")
    }

    @Test func anOutputFolderUnderAFileIsNamed() async throws {
        let file = try TrawlProcess.temporaryFile("plain", contents: "not a folder\n")
        let result = try await TrawlProcess.run(["crawl", try Self.seedsFile(), "--out", file + "/out"])
        #expect(result.status == 73)
        #expect(result.stderr == "trawl: error: cannot create output folder '\(file)/out': Not a directory\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "not a folder\n")
    }

    @Test func anOutputFolderInProcIsNamed() async throws {
        let result = try await TrawlProcess.run(["crawl", try Self.seedsFile(), "--out", "/proc/trawl-no"])
        #expect(result.status == 73)
        #expect(result.stderr == "trawl: error: cannot create output folder '/proc/trawl-no': No such file or directory\n")
    }

    @Test func anExistingFolderThatCannotBeWrittenIsNamed() async throws {
        let result = try await TrawlProcess.run(["crawl", try Self.seedsFile(), "--out", "/proc/self"])
        #expect(result.status == 73)
        #expect(result.stderr == "trawl: error: output folder '/proc/self' is not writable\n")
    }

    @Test(.enabled(if: geteuid() != 0, "root writes into a read-only folder; the /proc cases cover root"))
    func aReadOnlyFolderIsNamed() async throws {
        let out = TrawlProcess.temporaryDirectory("readonly")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try #require(chmod(out, 0o555) == 0)
        let result = try await TrawlProcess.run(["crawl", try Self.seedsFile(), "--out", out])
        #expect(result.status == 73)
        #expect(result.stderr == "trawl: error: output folder '\(out)' is not writable\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).isEmpty)
    }

    static let web = ServedWeb.generated(hosts: 3, pages: 200, latency: .milliseconds(20))

    /// A disk that fills mid-crawl (a 256 KiB tmpfs), while transfers are
    /// in flight. The message names the first write that failed; pages.jsonl
    /// and edges.csv agree exactly (a page's rows are there if and only if
    /// its line is); report.json is written, from space set aside at the
    /// start; the edge set is that of the rows edges.csv holds; no other
    /// file is left.
    @Test(.enabled(if: Tmpfs.isAvailable, "needs permission to mount a tmpfs"),
          arguments: [["--mode", "async"], ["--mode", "processes", "--workers", "2"]])
    func aFullDiskStopsTheCrawlNamingTheFirstFailure(mode: [String]) async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: Self.web.seedURLs.joined(separator: "\n"))
            try await Tmpfs.withMounted(size: "256k") { mount in
                let out = mount + "/out"
                let result = try await TrawlProcess.run(
                    ["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--quiet", "--concurrency", "8"] + mode)

                #expect(result.status == 74, "\(result.stderr)")
                let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("trawl: error:") }
                // The journal is written first (a page reaches the exports
                // once committed), so in one process it is what fills the disk.
                let first = ["pages.jsonl", "edges.csv"].map { "trawl: error: cannot write '\(out)/\($0)': No space left on device" }
                let journal = "trawl: error: disk full while writing '\(out)/state.db'"
                #expect(errors.count == 1 && (first.contains(String(errors[0])) || errors[0].hasPrefix(journal)), "\(result.stderr)")
                #expect(result.stdout.contains("  output     \(out)/ "))

                let folder = try OutputFolder(out)
                #expect(folder.files.isSubset(of: OutputFolder.exports.union(OutputFolder.journalSideFiles)), "\(folder.files)")
                #expect(folder.files.isSuperset(of: ["pages.jsonl", "edges.csv", "report.json"]), "\(folder.files)")
                #expect(folder.report["completed"] as? Bool == false)
                #expect(folder.report["stop_reason"] as? String == "write-error")
                #expect(folder.report["pages"] as? Int == folder.pages.count)
                #expect(folder.pages.count > 0 && folder.pages.count < Self.web.pageCount)

                // Exactly the ground truth's rows of the pages in pages.jsonl.
                let sources = folder.finalURLs
                let rows = try String(contentsOfFile: out + "/edges.csv", encoding: .utf8).split(separator: "\n").dropFirst().map(String.init)
                let expected = Self.web.truthEdges().filter { sources.contains(String($0.prefix { $0 != "," })) }
                #expect(rows.sorted() == expected.sorted())
                let edgeSet = try #require(folder.report["edge_set"] as? [String: Any])
                #expect(edgeSet["edges"] as? Int == rows.count)
                let sorted = try TrawlProcess.temporaryFile("sorted.csv", contents: (["source,target"] + expected).joined(separator: "\n") + "\n")
                #expect(edgeSet["sha256"] as? String == (try EdgeFileHash.sha256(ofSortedEdgesFile: sorted)))
                if folder.files.contains("graph.graphml") { #expect(folder.graphEdges == rows.count + folder.redirectHops) }
            }
        }
    }

    /// A file-size limit (`ulimit -f`, 20 KiB in /bin/sh's 512-byte blocks)
    /// that a file reaches mid-crawl: the write that crosses it is partly
    /// done, and trawl cuts it off again, so the files keep whole lines; the
    /// graph files, over the limit, are not left half-written.
    @Test func aFileSizeLimitMidCrawlLeavesWholeLinesOnly() async throws {
        try await ServedWeb.crawling(Self.web) { crawl, out in
            // Without the journal: SQLite's shared-memory file alone is
            // larger than this limit (see aFileSizeLimitRefusesTheJournal).
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--concurrency", "8", "--no-state"],
                                                                   shell: #"ulimit -f 40 && exec "$0" "$@""#)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))

            #expect(result.status == 74, "\(result.stderr)")
            let failed = ["pages.jsonl", "edges.csv"].first { result.stderr.contains("trawl: error: cannot write '\(out)/\($0)': File too large\n") }
            #expect(failed != nil, "\(result.stderr)")
            let folder = try OutputFolder(out)
            #expect(folder.files.isSubset(of: OutputFolder.exports), "a half-written file was left: \(folder.files)")
            #expect(folder.files.isSuperset(of: ["pages.jsonl", "edges.csv", "report.json"]))
            #expect(folder.pages.count > 1 && folder.pages.count < Self.web.pageCount)
            #expect(folder.report["stop_reason"] as? String == "write-error")
            #expect(folder.edges.allSatisfy { folder.finalURLs.contains($0[0]) })
        }
    }

    /// A file-size limit below what SQLite's shared-memory file needs: the
    /// crawl cannot keep its journal, says so naming the file, and leaves
    /// no half-made state behind.
    @Test func aFileSizeLimitRefusesTheJournal() async throws {
        try await ServedWeb.crawling(Self.web) { crawl, out in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl, shell: #"ulimit -f 40 && exec "$0" "$@""#)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 74, "\(result.stderr)")
            #expect(result.stderr.contains("'\(out)/state.db'"), "\(result.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: out)
            #expect(Set(files).isDisjoint(with: ["state.db", "state.db-wal", "state.db-shm"]), "\(files)")
        }
    }
}
