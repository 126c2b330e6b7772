import Foundation
import SyntheticWeb
import Testing

/// A closed or broken stdout or stderr never stops trawl: messages nobody
/// can read are dropped, closed descriptors 0–2 are reopened on /dev/null
/// (so no export is opened as "stderr" and fills with messages), and a
/// SIGTERM still ends in every export written.
@Suite(.timeLimit(.minutes(3)))
struct StandardStreamsTests {
    static let web = ServedWeb.generated(hosts: 3, pages: 200, latency: .milliseconds(20))
    static let busyWeb = ServedWeb.generated(hosts: 4, pages: 400, latency: .milliseconds(200))

    /// stdin, stdout and stderr all closed, and a bad seed line to warn
    /// about: the crawl completes.
    @Test func closedStandardStreamsAreNoCrash() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://bad host/\n" + Self.web.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("closed")
            let (process, stdout, stderr) = try TrawlProcess.start(
                ["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out],
                shell: #"exec "$0" "$@" <&- >&- 2>&-"#)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 0)
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            #expect(folder.report["completed"] as? Bool == true)
            #expect(folder.isConsistent)
        }
    }

    /// Descriptors 0–2 closed at start are open on /dev/null while trawl
    /// runs, so no file it opens can take their numbers.
    @Test func closedDescriptorsAreReopenedOnDevNull() async throws {
        try await SyntheticWebServer.withRunning(Self.busyWeb) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: Self.busyWeb.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("devnull")
            let (process, stdout, stderr) = try TrawlProcess.start(
                ["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--concurrency", "8"],
                shell: #"exec "$0" "$@" <&- >&- 2>&-"#)
            let pid = process.processIdentifier
            try await TrawlProcess.waitUntilCatching(SIGINT, pid: pid)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")
            for fd in 0...2 {
                #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) == "/dev/null", "fd \(fd)")
            }
            kill(pid, SIGINT)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
            #expect(result.status == 130)
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            #expect(folder.isConsistent)
        }
    }

    /// Starts a crawl whose stdout or stderr is a pipe nobody reads any
    /// more: every write to it fails with EPIPE.
    static func startWithBrokenPipe(_ arguments: [String], brokenStderr: Bool) throws -> (Process, Pipe) {
        var ends: [Int32] = [-1, -1]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        let broken = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let readable = Pipe()
        let process = Process()
        process.executableURL = TrawlProcess.executable
        process.arguments = arguments
        process.standardOutput = brokenStderr ? readable : broken
        process.standardError = brokenStderr ? broken : readable
        try process.run()
        return (process, readable)
    }

    /// SIGTERM while stderr's reader has gone: the "stopping" message is
    /// dropped, and the crawl still writes every export and exits 143.
    @Test(arguments: [["--mode", "async"], ["--mode", "processes", "--workers", "2"]])
    func sigtermWithABrokenStderrWritesEveryExport(mode: [String]) async throws {
        try await SyntheticWebServer.withRunning(Self.busyWeb) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: Self.busyWeb.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("epipe")
            let (process, stdout) = try Self.startWithBrokenPipe(
                ["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--concurrency", "8"] + mode,
                brokenStderr: true)
            try await TrawlProcess.waitUntilCatching(SIGTERM, pid: process.processIdentifier)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")
            kill(process.processIdentifier, SIGTERM)
            let output = await TrawlProcess.readToEnd(stdout.fileHandleForReading)
            try await Self.waitForExit(process)

            #expect(process.terminationReason == .exit && process.terminationStatus == 143)
            // The summary, printed after the exports were written.
            #expect(String(decoding: output, as: UTF8.self).contains("  output     \(out)/ "))
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports(for: mode))
            #expect(folder.report["stop_reason"] as? String == "interrupted")
            #expect(folder.isConsistent)
        }
    }

    /// `trawl crawl … | head -0`: the summary cannot be printed, the crawl
    /// is still whole and exits 0.
    @Test func aBrokenStdoutIsNoFailure() async throws {
        try await SyntheticWebServer.withRunning(Self.web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: Self.web.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("stdout")
            let (process, stderr) = try Self.startWithBrokenPipe(
                ["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--quiet"], brokenStderr: false)
            let errors = await TrawlProcess.readToEnd(stderr.fileHandleForReading)
            try await Self.waitForExit(process)

            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(String(decoding: errors, as: UTF8.self))")
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports)
            #expect(folder.report["completed"] as? Bool == true)
        }
    }

    static func waitForExit(_ process: Process, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw TrawlProcess.TimeoutError(arguments: process.arguments ?? [])
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
