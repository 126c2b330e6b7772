import Foundation
import SyntheticWeb
import Testing

/// One crawl, one folder: the default folder is new for every run (two
/// started in the same second get two), an `--out` holding a crawl's files
/// is refused unless `--overwrite`, a folder another crawl is writing is
/// refused, and links planted in `--out` are never written through.
@Suite(.timeLimit(.minutes(3)))
struct OutputClaimTests {
    static let smallWeb = ServedWeb.generated(hosts: 2, pages: 20, latency: .milliseconds(5))
    /// 1,600 pages at 200 ms: seconds of crawling.
    static let busyWeb = ServedWeb.generated(hosts: 4, pages: 400, latency: .milliseconds(200))

    static func truth(_ web: SyntheticWeb) -> String {
        (["source,target"] + web.truthEdges()).joined(separator: "\n") + "\n"
    }

    /// The crawl arguments for `web` served on `port`, without `--out`.
    static func crawl(_ web: SyntheticWeb, port: Int) throws -> [String] {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
        return ["crawl", seeds, "--connect-to", "::127.0.0.1:\(port)", "--quiet"]
    }

    /// Runs trawl in `directory` (its default folder is `output/…` there).
    static func start(in directory: String, _ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        // Temporary paths hold no quote.
        try TrawlProcess.start(arguments, shell: "mkdir -p '\(directory)' && cd '\(directory)' && exec \"$0\" \"$@\"")
    }

    /// The run folders under `directory/output`.
    static func runFolders(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory + "/output").sorted()
    }

    /// "crawl-20261203-101500" for `date`, as trawl names its folders.
    static func runName(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "crawl-" + formatter.string(from: date)
    }

    /// Every name a crawl started in the next seconds could take is taken
    /// already, by a folder of someone else's: the crawl makes `NAME-2`
    /// and leaves the others alone.
    @Test func aTakenDefaultFolderIsNeverReused() async throws {
        try await SyntheticWebServer.withRunning(Self.smallWeb) { server in
            let directory = TrawlProcess.temporaryDirectory("cwd")
            let now = Date()
            let taken = (0..<10).map { Self.runName(now.addingTimeInterval(Double($0))) }
            for name in taken {
                try FileManager.default.createDirectory(atPath: "\(directory)/output/\(name)", withIntermediateDirectories: true)
                try "not trawl's\n".write(toFile: "\(directory)/output/\(name)/notes.txt", atomically: false, encoding: .utf8)
            }
            let (process, stdout, stderr) = try Self.start(in: directory, try Self.crawl(Self.smallWeb, port: server.port))
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))

            #expect(result.status == 0, "\(result.stderr)")
            let made = try Self.runFolders(in: directory).filter { !taken.contains($0) }
            #expect(made.count == 1 && taken.contains { made[0] == $0 + "-2" }, "\(made)")
            #expect(result.stdout.contains("  output     output/\(made[0])/ "))
            let folder = try OutputFolder("\(directory)/output/\(made[0])")
            #expect(folder.files == OutputFolder.exports)
            for name in taken {
                #expect(try FileManager.default.contentsOfDirectory(atPath: "\(directory)/output/\(name)") == ["notes.txt"])
            }
        }
    }

    /// Two crawls started together with the default folder: two folders,
    /// each with its own complete exports.
    @Test func twoCrawlsStartedTogetherGetTwoFolders() async throws {
        try await SyntheticWebServer.withRunning(Self.smallWeb) { server in
            let directory = TrawlProcess.temporaryDirectory("cwd")
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let arguments = try Self.crawl(Self.smallWeb, port: server.port)
            let first = try Self.start(in: directory, arguments)
            let second = try Self.start(in: directory, arguments)
            let results = [try await TrawlProcess.finish(first.0, first.1, first.2, timeout: .seconds(60)),
                           try await TrawlProcess.finish(second.0, second.1, second.2, timeout: .seconds(60))]

            #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
            let folders = try Self.runFolders(in: directory)
            #expect(folders.count == 2, "\(folders)")
            for name in folders {
                let path = "\(directory)/output/\(name)"
                #expect(try OutputFolder(path).files == OutputFolder.exports)
                #expect(try String(contentsOfFile: path + "/edges.csv", encoding: .utf8) == Self.truth(Self.smallWeb))
                #expect(try OutputFolder(path).report["completed"] as? Bool == true)
            }
        }
    }

    /// A second crawl into a finished crawl's folder is refused, naming the
    /// folder, the files and --overwrite, and changes nothing; with
    /// --overwrite it replaces them all.
    @Test func anOutHoldingACrawlIsRefusedUnlessOverwrite() async throws {
        try await SyntheticWebServer.withRunning(Self.smallWeb) { server in
            let out = TrawlProcess.temporaryDirectory("again")
            let crawl = try Self.crawl(Self.smallWeb, port: server.port) + ["--out", out]
            #expect(try await TrawlProcess.run(crawl).status == 0)
            let report = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))

            let refused = try await TrawlProcess.run(crawl)
            #expect(refused.status == 73)
            #expect(refused.stderr == "trawl: error: output folder '\(out)' already holds a crawl's files (edges-ids.csv, edges.csv, graph.dot, graph.graphml, host-edges.csv, hosts.csv, nodes.csv, pages.jsonl, redirects.csv, report.json, state.db); pass --overwrite to replace them, or choose another --out\n")
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")) == report)

            let replaced = try await TrawlProcess.run(crawl + ["--overwrite"])
            #expect(replaced.status == 0, "\(replaced.stderr)")
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/report.json")) != report)
            #expect(folder.isConsistent)
        }
    }

    @Test func overwriteWithoutOutIsRefused() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://h0.trawl.test/\n")
        let result = try await TrawlProcess.run(["crawl", seeds, "--overwrite"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--overwrite needs --out: the default folder is always a new one"))
    }

    /// While a crawl writes --out, a second crawl there is refused naming
    /// the first one's pid — with --overwrite too — and the first crawl's
    /// exports are untouched by it.
    @Test func aFolderInUseIsRefused() async throws {
        try await SyntheticWebServer.withRunning(Self.busyWeb) { server in
            let out = TrawlProcess.temporaryDirectory("busy")
            let crawl = try Self.crawl(Self.busyWeb, port: server.port) + ["--out", out, "--concurrency", "8"]
            let (process, stdout, stderr) = try TrawlProcess.start(crawl)
            try await TrawlProcess.waitUntilCatching(SIGINT, pid: process.processIdentifier)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")

            for extra in [[], ["--overwrite"]] {
                let second = try await TrawlProcess.run(crawl + extra)
                #expect(second.status == 73)
                #expect(second.stderr == "trawl: error: output folder '\(out)' is in use by another crawl (pid \(process.processIdentifier))\n")
            }
            #expect(TrawlProcess.lineCount(out + "/pages.jsonl") >= 8)
            kill(process.processIdentifier, SIGINT)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
            #expect(result.status == 130, "\(result.stderr)")
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            #expect(folder.isConsistent)
        }
    }

    /// Links planted in --out at every export's name, and at the old
    /// predictable temporary name: refused as a crawl's files; with
    /// --overwrite the links are removed and the crawl writes its own files.
    /// What the links point to is never touched.
    @Test func plantedLinksAreNeverWrittenThrough() async throws {
        try await SyntheticWebServer.withRunning(Self.smallWeb) { server in
            let out = TrawlProcess.temporaryDirectory("planted")
            let outside = TrawlProcess.temporaryDirectory("outside")
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
            let names = OutputFolder.exports.sorted() + ["graph.dot.partial"]
            for name in names {
                try "precious \(name)\n".write(toFile: outside + "/" + name, atomically: false, encoding: .utf8)
                try FileManager.default.createSymbolicLink(atPath: out + "/" + name, withDestinationPath: outside + "/" + name)
            }
            let crawl = try Self.crawl(Self.smallWeb, port: server.port) + ["--out", out]

            let refused = try await TrawlProcess.run(crawl)
            #expect(refused.status == 73)
            #expect(refused.stderr.contains("already holds a crawl's files (edges-ids.csv, edges.csv, graph.dot, graph.dot.partial, graph.graphml, host-edges.csv, hosts.csv, nodes.csv, pages.jsonl, redirects.csv, report.json, state.db)"))

            let result = try await TrawlProcess.run(crawl + ["--overwrite"])
            #expect(result.status == 0, "\(result.stderr)")
            for name in names {
                #expect(try String(contentsOfFile: outside + "/" + name, encoding: .utf8) == "precious \(name)\n")
            }
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            for name in OutputFolder.exports {
                let type = try FileManager.default.attributesOfItem(atPath: out + "/" + name)[.type] as? FileAttributeType
                #expect(type == .typeRegular, "\(name)")
            }
            #expect(try String(contentsOfFile: out + "/edges.csv", encoding: .utf8) == Self.truth(Self.smallWeb))
        }
    }
}
