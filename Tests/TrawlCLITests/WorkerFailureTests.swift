import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// `--mode processes` when a worker dies mid-crawl and the crawl keeps no
/// journal (`--no-state`; with one, the worker is replaced: see
/// `ResumeTests`): the documented outcome is a prompt stop, a message naming the worker and how it died, exit 70,
/// and outputs that are valid and keep every page finished so far —
/// including the dead worker's own.
@Suite(.timeLimit(.minutes(2)))
struct WorkerFailureTests {
    @Test func killingAWorkerStopsTheCrawlAndKeepsEveryFinishedPage() async throws {
        var config = SyntheticWebConfig()
        config.seed = 11
        config.hosts = 6
        config.pagesPerHost = 300
        config.latency = .fixed(.milliseconds(50))
        let web = SyntheticWeb(config)
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("kill")
            let (process, stdout, stderr) = try TrawlProcess.start(
                ["crawl", seeds, "--mode", "processes", "--workers", "3", "--concurrency", "12", "--no-state",
                 "--connect-to", "::127.0.0.1:\(server.port)", "--out", out, "--quiet"])
            let pid = process.processIdentifier
            // Mid-crawl: every worker up and some pages written.
            var workers: [Int32] = []
            let deadline = ContinuousClock.now + .seconds(20)
            while ContinuousClock.now < deadline {
                workers = Self.children(of: pid)
                if workers.count == 3, TrawlProcess.lineCount(out + "/pages.jsonl") >= 60 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(workers.count == 3, "the coordinator did not start 3 workers")
            let victim = workers[1]
            kill(victim, SIGKILL)
            let killedAt = ContinuousClock.now
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
            #expect(ContinuousClock.now - killedAt < .seconds(10), "the coordinator took too long to notice")

            #expect(result.status == 70)
            let message = try #require(result.stderr.split(separator: "\n").first { $0.contains("(pid \(victim)) was killed by signal 9 (SIGKILL)") },
                                       "stderr does not name the dead worker: \(result.stderr)")
            // "worker K of 3 (pid …)": K is the shard, counted from 1.
            let shard = try #require(Int(message.split(separator: "worker ").last?.split(separator: " ").first ?? "")) - 1

            let lines = try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n")
            let pages = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
            let urls = pages.compactMap { $0["url"] as? String }
            #expect(urls.count == lines.count)
            #expect(Set(urls).count == urls.count, "a URL was written twice")
            #expect(urls.count < web.pageCount)
            let map = ShardMap(shards: 3)
            let victimPages = urls.filter { map.shard(ofHostKey: Self.hostKey(of: $0)) == shard }
            #expect(!victimPages.isEmpty, "the pages the dead worker finished were lost")

            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
            #expect(report?["completed"] as? Bool == false)
            #expect(report?["stop_reason"] as? String == "worker-failed")
            #expect(report?["pages"] as? Int == lines.count)
            // Every edge comes from a page in pages.jsonl.
            let finalURLs = Set(pages.compactMap { $0["final_url"] as? String })
            let edges = try String(contentsOfFile: out + "/edges.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            #expect(!edges.isEmpty)
            #expect(edges.allSatisfy { finalURLs.contains(String($0.prefix { $0 != "," })) })
            #expect(Self.children(of: pid).isEmpty)
        }
    }

    /// Child pids of `pid`, in start order (pids rise as they are handed out).
    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        let listed = tasks.flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0) }
        }
        return listed.sorted()
    }

    /// "http://h3.trawl.test/page/5" → "http://h3.trawl.test".
    static func hostKey(of url: String) -> String {
        let afterScheme = url.range(of: "://")!.upperBound
        let end = url[afterScheme...].firstIndex(of: "/") ?? url.endIndex
        return String(url[..<end])
    }
}
