import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// Durable crawls as a user meets them: `trawl crawl` killed with SIGKILL
/// at random instants (seeded, so a failure replays), then `--resume`d
/// each time, must end exactly as an uninterrupted crawl: the generated
/// web's edges, and one pages.jsonl line per URL.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct ResumeTests {
    /// 4 hosts × 80 pages at 20 ms, 6 at a time: a sitting lasts long
    /// enough (about 3 s) for a kill to land mid-crawl.
    static let web = ServedWeb.generated(hosts: 4, pages: 80, latency: .milliseconds(20))
    static let seed: UInt64 = 0x7472_6177_6C

    private static func urls(in pages: String) throws -> [String] {
        try String(contentsOfFile: pages, encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["url"] as? String ?? ""
        }
    }

    @Test(arguments: [CrawlOptions.Mode.async, .threads, .pool, .processes])
    func killedFiveTimesAndResumedItEndsWithTheTruth(mode: CrawlOptions.Mode) async throws {
        var random = SeededRandom(seed: Self.seed &+ UInt64(mode.rawValue.utf8.count))
        try await ServedWeb.crawling(Self.web) { arguments, out in
            let first = arguments + ["--mode", mode.rawValue, "--concurrency", "6"]
            let connect = Array(arguments.drop { $0 != "--connect-to" }.prefix(2))
            var kills = 0
            var command = first
            for attempt in 0..<5 {
                let (process, stdout, stderr) = try TrawlProcess.start(command)
                let delay = Int.random(in: 300...1200, using: &random)
                try await Task.sleep(for: .milliseconds(delay))
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
                _ = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
                // Killed before its journal existed, a crawl did nothing
                // and leaves no export either: it is started again.
                guard FileManager.default.fileExists(atPath: out + "/state.db") else {
                    let left = ((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).filter { !$0.hasPrefix(".") }
                    #expect(left.isEmpty, "attempt \(attempt) left \(left) without a journal")
                    continue
                }
                command = ["crawl", "--resume", out, "--quiet"] + connect + ["--mode", mode.rawValue, "--concurrency", "6"]
            }
            let last = try await TrawlProcess.run(command)
            #expect(last.status == 0, "\(last.stderr)")
            #expect(kills >= 1, "no kill landed mid-crawl: the web is too small for the delays")

            let edges = try String(contentsOfFile: out + "/edges.csv", encoding: .utf8)
            #expect(edges == CrawlHarnessTruth.csv(Self.web))
            let urls = try Self.urls(in: out + "/pages.jsonl")
            #expect(urls.count == Set(urls).count, "a URL has two lines")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
            #expect(report?["completed"] as? Bool == true)
            // A process killed before it opened the journal left no trace
            // and counts as no sitting; every other one counts.
            let sittings = report?["sittings"] as? Int ?? 0
            let resumed = command.contains("--resume")
            #expect(sittings >= (resumed ? 2 : 1) && sittings <= 6, "\(sittings) sittings")
            #expect(report?["pages"] as? Int == urls.count)

            // The same crawl, uninterrupted: the same URLs.
            let fresh = TrawlProcess.temporaryDirectory("fresh")
            var straight = first
            straight[straight.firstIndex(of: out)!] = fresh
            let once = try await TrawlProcess.run(straight)
            #expect(once.status == 0)
            #expect(Set(try Self.urls(in: fresh + "/pages.jsonl")) == Set(urls))
        }
    }

    /// A worker of `--mode processes` killed mid-crawl is replaced by one
    /// that rebuilds its shard from the journal: the crawl completes with
    /// the truth, and the report counts the restart.
    @Test func aWorkerKilledMidCrawlIsRestartedAndTheCrawlCompletes() async throws {
        try await ServedWeb.crawling(Self.web) { arguments, out in
            let (process, stdout, stderr) = try TrawlProcess.start(
                arguments + ["--mode", "processes", "--workers", "2", "--concurrency", "6"])
            var workers: [Int32] = []
            for _ in 0..<100 where workers.count < 2 {
                try await Task.sleep(for: .milliseconds(20))
                workers = WorkerFailureTests.children(of: process.processIdentifier)
            }
            #expect(workers.count == 2, "workers: \(workers)")
            // Mid-crawl: the crawl takes about 3 s.
            try await Task.sleep(for: .milliseconds(800))
            #expect(process.isRunning)
            kill(workers[1], SIGKILL)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("starting another on its shard's journal"), "\(result.stderr)")
            #expect(try String(contentsOfFile: out + "/edges.csv", encoding: .utf8) == CrawlHarnessTruth.csv(Self.web))
            let urls = try Self.urls(in: out + "/pages.jsonl")
            #expect(urls.count == Set(urls).count, "a URL has two lines")
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
            #expect(report?["completed"] as? Bool == true)
            #expect(report?["worker_restarts"] as? Int == 1)
            #expect(report?["pages"] as? Int == urls.count)
        }
    }

    @Test func aCrawlCutByMaxPagesGoesOnWithAHigherLimit() async throws {
        try await ServedWeb.crawling(Self.web) { arguments, out in
            let connect = Array(arguments.drop { $0 != "--connect-to" }.prefix(2))
            let cut = try await TrawlProcess.run(arguments + ["--max-pages", "40"])
            #expect(cut.status == 0)
            #expect(try Self.urls(in: out + "/pages.jsonl").count == 40)
            let more = try await TrawlProcess.run(["crawl", "--resume", out, "--quiet", "--max-pages", "100"] + connect)
            #expect(more.status == 0, "\(more.stderr)")
            let urls = try Self.urls(in: out + "/pages.jsonl")
            #expect(urls.count == 100)
            #expect(Set(urls).count == 100)
            let rest = try await TrawlProcess.run(["crawl", "--resume", out, "--quiet", "--max-pages", "100000"] + connect)
            #expect(rest.status == 0)
            #expect(try String(contentsOfFile: out + "/edges.csv", encoding: .utf8) == CrawlHarnessTruth.csv(Self.web))
        }
    }

    @Test func flagsThatWouldChangeTheResultAreRefused() async throws {
        try await ServedWeb.crawling(Self.web) { arguments, out in
            let cut = try await TrawlProcess.run(arguments + ["--max-pages", "5"])
            #expect(cut.status == 0)
            for flags in [["--max-depth", "1"], ["--scope", "any"], ["--deny", "x"], ["--max-pages-per-host", "3"]] {
                let refused = try await TrawlProcess.run(["crawl", "--resume", out] + flags)
                #expect(refused.status == 65, "\(flags)")
                #expect(refused.stderr.contains(flags[0]) && refused.stderr.contains("would change its result"), "\(refused.stderr)")
            }
            let seeds = try await TrawlProcess.run(["crawl", "--resume", out, "http://h0.trawl.test/"])
            #expect(seeds.status == 64)
            #expect(seeds.stderr.contains("--resume takes no seeds"))
        }
    }

    /// A limit the crawl was started with and the resuming command line
    /// leaves out is kept, even one whose flag defaults to something else
    /// (--max-path-variants 0 turns off a cap that is on by default).
    @Test func aRecordedFlagLeftOutIsKeptNotRefused() async throws {
        try await ServedWeb.crawling(Self.web) { arguments, out in
            let connect = Array(arguments.drop { $0 != "--connect-to" }.prefix(2))
            let cut = try await TrawlProcess.run(arguments + ["--max-pages", "5", "--max-path-variants", "0", "--max-path-segments", "0"])
            #expect(cut.status == 0)
            let resumed = try await TrawlProcess.run(["crawl", "--resume", out, "--quiet", "--max-pages", "100000"] + connect)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            #expect(try String(contentsOfFile: out + "/edges.csv", encoding: .utf8) == CrawlHarnessTruth.csv(Self.web))
        }
    }

    @Test func badStateIsNamed() async throws {
        // No state.db at all.
        let empty = TrawlProcess.temporaryDirectory("nostate")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try await TrawlProcess.run(["crawl", "--resume", empty])
        #expect(none.status == 65)
        #expect(none.stderr.contains("has no state.db"))

        // Garbage where the journal should be.
        let garbage = TrawlProcess.temporaryDirectory("garbage")
        try FileManager.default.createDirectory(atPath: garbage, withIntermediateDirectories: true)
        try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: garbage + "/state.db"))
        let bad = try await TrawlProcess.run(["crawl", "--resume", garbage])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains(garbage + "/state.db"), "\(bad.stderr)")

        // A truncated journal of a real crawl.
        try await ServedWeb.crawling(Self.web) { arguments, out in
            _ = try await TrawlProcess.run(arguments + ["--max-pages", "30"])
            let path = out + "/state.db"
            let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            try handle.truncate(atOffset: UInt64(size / 2))
            try handle.close()
            let truncated = try await TrawlProcess.run(["crawl", "--resume", out])
            #expect(truncated.status == 65, "\(truncated.stderr)")
            #expect(truncated.stderr.contains(path), "\(truncated.stderr)")
        }
    }
}

/// A seeded SplitMix64, so a failing kill schedule can be replayed.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

enum CrawlHarnessTruth {
    static func csv(_ web: SyntheticWeb) -> String {
        (["source,target"] + web.truthEdges()).joined(separator: "\n") + "\n"
    }
}
