import Foundation
import SyntheticWeb
import Testing

/// SIGINT (Ctrl-C) and SIGTERM stop a crawl gracefully in every mode: in-flight
/// transfers are cancelled, every finished page is in pages.jsonl, the other
/// exports are written and well-formed, and the exit status is 128 + the
/// signal. A second signal ends the process at once.
@Suite(.timeLimit(.minutes(3)))
struct SignalTrapTests {
    static let modes: [[String]] = [
        ["--mode", "async"], ["--mode", "threads"], ["--mode", "pool"], ["--mode", "processes", "--workers", "3"],
    ]

    /// 1,600 pages at 200 ms: seconds of crawling left when the signal comes.
    static let busyWeb = ServedWeb.generated(hosts: 4, pages: 400, latency: .milliseconds(200))

    @Test(arguments: modes, [SIGINT, SIGTERM])
    func aSignalStopsTheCrawlWithValidExports(mode: [String], signal: Int32) async throws {
        try await ServedWeb.crawling(Self.busyWeb) { crawl, out in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--concurrency", "8"] + mode)
            try await TrawlProcess.waitUntilCatching(signal, pid: process.processIdentifier)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")
            kill(process.processIdentifier, signal)
            let signalledAt = ContinuousClock.now
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))

            #expect(result.status == 128 + signal, "\(result.stderr)")
            #expect(ContinuousClock.now - signalledAt < .seconds(5), "in-flight transfers were not cancelled")
            #expect(result.stderr.contains("trawl: stopping (\(signal == SIGINT ? "SIGINT" : "SIGTERM")); writing exports"))
            #expect(result.stdout.contains("crawl interrupted (stopped by a signal)"))
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports(for: mode))
            #expect(folder.pages.count >= 8 && folder.pages.count < Self.busyWeb.pageCount)
            #expect(folder.report["completed"] as? Bool == false)
            #expect(folder.report["stop_reason"] as? String == "interrupted")
            #expect(folder.isConsistent)
        }
    }

    /// A service manager (systemd) sends SIGTERM to every process of the
    /// crawl, not just the parent: the workers leave stopping to the
    /// coordinator, so the crawl still ends as one interrupted run.
    @Test func sigtermToEveryProcessOfTheTreeStopsGracefully() async throws {
        try await ServedWeb.crawling(Self.busyWeb) { crawl, out in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--mode", "processes", "--workers", "3", "--concurrency", "12"])
            let pid = process.processIdentifier
            try await TrawlProcess.waitUntilCatching(SIGTERM, pid: pid)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")
            let workers = WorkerFailureTests.children(of: pid)
            try #require(workers.count == 3)
            for worker in workers { kill(worker, SIGTERM) }
            kill(pid, SIGTERM)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))

            #expect(result.status == 143, "\(result.stderr)")
            #expect(!result.stderr.contains("was killed by signal"))
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports(for: ["processes"]))
            #expect(folder.report["stop_reason"] as? String == "interrupted")
            #expect(folder.isConsistent)
        }
    }

    /// SIGTERM twice at once, as coreutils `timeout` sends it (to its
    /// child, then to the child's process group): one request to stop, not
    /// an impatient second one, so every export is written.
    @Test func sigtermTwiceAtOnceAsTimeoutSendsItStillWritesEveryExport() async throws {
        try await ServedWeb.crawling(Self.busyWeb) { crawl, out in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--concurrency", "8", "--no-state"])
            let pid = process.processIdentifier
            try await TrawlProcess.waitUntilCatching(SIGTERM, pid: pid)
            try await TrawlProcess.waitForLines(8, in: out + "/pages.jsonl")
            kill(pid, SIGTERM)
            kill(pid, SIGTERM)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
            #expect(result.status == 143, "\(result.stderr)")
            #expect(!result.stderr.contains("second signal"), "\(result.stderr)")
            let folder = try OutputFolder(out)
            #expect(folder.files == OutputFolder.exports(for: ["--no-state"]))
            #expect(folder.report["stop_reason"] as? String == "interrupted")
            #expect(folder.isConsistent)
        }
    }

    /// Two Ctrl-C in quick succession during a crawl of a slow web (every
    /// page takes 5 s): trawl is gone at once (well before a page could
    /// end), exit 130, and in processes mode its workers follow.
    @Test(arguments: modes)
    func aSecondSigintInQuickSuccessionExitsAtOnce(mode: [String]) async throws {
        let slowWeb = ServedWeb.generated(hosts: 2, pages: 50, latency: .seconds(5))
        try await ServedWeb.crawling(slowWeb) { crawl, _ in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--concurrency", "8"] + mode)
            let pid = process.processIdentifier
            try await TrawlProcess.waitUntilCatching(SIGINT, pid: pid)
            // Transfers in flight: the seeds are requested at once.
            try await Task.sleep(for: .milliseconds(300))
            let workers = WorkerFailureTests.children(of: pid)
            #expect(workers.count == (mode.contains("processes") ? 3 : 0))
            kill(pid, SIGINT)
            try await Task.sleep(for: .milliseconds(30))
            kill(pid, SIGINT)
            let signalledAt = ContinuousClock.now
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(10))

            #expect(ContinuousClock.now - signalledAt < .seconds(3))
            #expect(result.status == 130, "\(result.stderr)")
            try await Self.waitUntilGone(workers)
        }
    }

    /// The second signal is what ends a crawl whose graceful stop cannot
    /// finish: here the workers of --mode processes are stopped (SIGSTOP),
    /// so they never answer the coordinator's `stop` and the first Ctrl-C
    /// waits out their grace period. (A FIFO planted as pages.jsonl did this
    /// before; trawl now refuses a folder holding a crawl's files.)
    @Test func aSecondSigintEndsACrawlStuckInItsGracefulStop() async throws {
        try await ServedWeb.crawling(Self.busyWeb) { crawl, out in
            let (process, stdout, stderr) = try TrawlProcess.start(crawl + ["--mode", "processes", "--workers", "2", "--concurrency", "8"])
            let pid = process.processIdentifier
            try await TrawlProcess.waitUntilCatching(SIGINT, pid: pid)
            try await TrawlProcess.waitForLines(4, in: out + "/pages.jsonl")
            let workers = WorkerFailureTests.children(of: pid)
            try #require(workers.count == 2)
            for worker in workers { kill(worker, SIGSTOP) }
            kill(pid, SIGINT)
            try await Task.sleep(for: .milliseconds(500))
            #expect(process.isRunning, "the graceful stop was expected to be stuck")
            kill(pid, SIGINT)
            let signalledAt = ContinuousClock.now
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(10))

            #expect(ContinuousClock.now - signalledAt < .seconds(1))
            #expect(result.status == 130)
            #expect(result.stderr.contains("trawl: second signal (SIGINT); exiting at once, exports may be incomplete"))
            for worker in workers { kill(worker, SIGKILL) }
            try await Self.waitUntilGone(workers)
        }
    }

    /// Waits until every pid has exited (gone, or a zombie nobody reaps).
    static func waitUntilGone(_ pids: [Int32]) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        for pid in pids {
            while let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  stat.split(separator: ")").last?.split(separator: " ").first != "Z" {
                try #require(ContinuousClock.now < deadline, "worker \(pid) outlived its coordinator")
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
