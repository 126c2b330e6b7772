import Foundation
import Testing
@testable import TrawlCore

/// The finish's sort: byte order exactly as `LC_ALL=C sort`, duplicates
/// kept, runs on disk once the lines outgrow one run, and no run file left
/// behind whether the sort succeeds or fails.
@Suite(.timeLimit(.minutes(2)))
struct ExternalSortTests {
    static func folder(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("trawl-sort-\(getpid())-\(name)-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Rows as a crawl writes them: URLs sharing prefixes ("/p1" and
    /// "/p1,…", "/p1/…", "/p1!…"), a comma URL quoted, a quote doubled,
    /// non-ASCII bytes (which sort above ASCII, as unsigned bytes), and
    /// duplicates. The same rows on every run.
    static func rows(_ count: Int) -> [String] {
        var state: UInt64 = 2026
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let hosts = ["http://a.test", "http://a.test.x", "https://b.test", "http://é.test", "http://Z.test"]
        let tails = ["", "/", "!", ",1", "/x", "?q=\"v\"", "é", "-long-" + String(repeating: "y", count: 90)]
        return (0..<count).map { _ in
            let source = "\(hosts[next(hosts.count)])/p\(next(40))\(tails[next(tails.count)])"
            let target = "\(hosts[next(hosts.count)])/t\(next(300))\(tails[next(tails.count)])"
            return CSV.row(source, target)
        }
    }

    /// What `LC_ALL=C sort` prints for `lines`.
    static func sortCommand(_ lines: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sort")
        process.environment = ["LC_ALL": "C"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let text = lines.map { $0 + "\n" }.joined()
        let reader = Thread { input.fileHandleForWriting.write(Data(text.utf8)); try? input.fileHandleForWriting.close() }
        reader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Writes `header` and `rows` to NAME in `folder` and returns a reader
    /// of the rows.
    static func input(_ rows: [String], named name: String, in folder: String, header: String = "source,target\n") throws -> LineFile {
        let path = folder + "/" + name
        try (header + rows.map { $0 + "\n" }.joined()).write(toFile: path, atomically: false, encoding: .utf8)
        return LineFile(descriptor: open(path, O_RDONLY | O_CLOEXEC), path: path, from: off_t(header.utf8.count))
    }

    static func lines(_ sorted: SortedLines) throws -> [String] {
        var out: [String] = []
        try sorted.forEach { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    @Test func aFileManyRunsLongSortsAsSortDoes() throws {
        let rows = Self.rows(6000)
        let expected = try Self.sortCommand(rows)
        // sort(1) and Swift agree on byte order: the reference is right.
        #expect(expected == rows.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let path = try Self.folder("runs")
        let folder = try FolderHandle(opening: path)
        let input = try Self.input(rows, named: "rows.csv", in: path)
        let inputBytes = try #require(try FileManager.default.attributesOfItem(atPath: path + "/rows.csv")[.size] as? Int)
        do {
            // 4 KiB runs, merged 3 at a time: ~100 runs, several levels.
            let sorter = ExternalSort(runBytes: 4096, fanIn: 3)
            #expect(inputBytes > 50 * sorter.runBytes)
            let sorted = try sorter.sort(input.reader(), in: folder, name: "rows.csv")
            #expect(!sorted.isInMemory)
            #expect(sorted.count == rows.count)
            let runFiles = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix(".rows.csv.run-") }
            #expect(runFiles.count >= 1 && runFiles.count <= 3)
            #expect(try Self.lines(sorted) == expected)
            // Every pass merges the runs anew.
            #expect(try Self.lines(sorted) == expected)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["rows.csv"])
    }

    @Test func linesThatFitOneRunStayInMemory() throws {
        let rows = Self.rows(500)
        let path = try Self.folder("memory")
        let input = try Self.input(rows, named: "rows.csv", in: path)
        let sorted = try ExternalSort().sort(input.reader(), in: FolderHandle(opening: path), name: "rows.csv")
        #expect(sorted.isInMemory)
        #expect(try Self.lines(sorted) == (try Self.sortCommand(rows)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: path) == ["rows.csv"])
    }

    /// A line longer than the reader's buffer, a last line without "\n",
    /// empty lines (dropped) and an empty input.
    @Test func longAndUnterminatedLinesAreRead() throws {
        let path = try Self.folder("edges")
        let long = String(repeating: "L", count: 200_000)
        try "\n\(long),1\n\nb,2\na,3".write(toFile: path + "/in", atomically: false, encoding: .utf8)
        let file = LineFile(descriptor: open(path + "/in", O_RDONLY | O_CLOEXEC), path: path + "/in")
        let sorted = try ExternalSort(runBytes: 1024, fanIn: 2).sort(file.reader(bufferSize: 16), in: FolderHandle(opening: path), name: "in")
        #expect(try Self.lines(sorted) == ["\(long),1", "a,3", "b,2"])
        let empty = try Self.input([], named: "empty", in: path)
        #expect(try ExternalSort().sort(empty.reader(), in: FolderHandle(opening: path), name: "empty").count == 0)
    }

    /// Runs that no longer fit the disk: the sort fails naming the run file,
    /// and every run written so far is gone. (The input lives elsewhere.)
    @Test(.enabled(if: Tmpfs.isAvailable, "needs permission to mount a tmpfs"))
    func aSortThatRunsOutOfDiskLeavesNoRunFile() throws {
        let rows = Self.rows(6000)
        let inputFolder = try Self.folder("input")
        let input = try Self.input(rows, named: "rows.csv", in: inputFolder)
        try Tmpfs.withMounted(size: "64k") { path in
            var failure: TrawlError?
            do {
                _ = try ExternalSort(runBytes: 4096, fanIn: 4).sort(input.reader(), in: FolderHandle(opening: path), name: "rows.csv")
            } catch {
                failure = error as? TrawlError
            }
            let error = try #require(failure)
            #expect(error.code == .writeFailed)
            #expect(error.message.hasPrefix("cannot write '\(path)/.rows.csv.run-"), "\(error)")
            #expect(error.message.hasSuffix("': No space left on device"), "\(error)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: path) == [])
        }
    }
}

/// A small tmpfs mounted for one test (root, or CAP_SYS_ADMIN, only).
enum Tmpfs {
    static let isAvailable: Bool = {
        guard let path = try? ExternalSortTests.folder("probe") else { return false }
        defer { rmdir(path) }
        guard run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", path) else { return false }
        return run("/usr/bin/umount", path)
    }()

    static func withMounted<R>(size: String, _ body: (String) throws -> R) throws -> R {
        let path = try ExternalSortTests.folder("tmpfs")
        try #require(run("/usr/bin/mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path))
        defer {
            _ = run("/usr/bin/umount", path)
            rmdir(path)
        }
        return try body(path)
    }

    @discardableResult
    static func run(_ arguments: String...) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
