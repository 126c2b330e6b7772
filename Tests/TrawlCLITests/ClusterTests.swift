import Foundation
import SyntheticWeb
import Testing
import TrawlRedis

/// `trawl crawl --frontier redis://…`: several `trawl` processes, one
/// private redis-server and one generated web, all on 127.0.0.1. The
/// starting process's exports must be the generated web's truth, whatever
/// the processes do: split the work, die at a chosen instant, or lose
/// Redis for a while.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct ClusterTests {
    /// 4 hosts × 40 pages at 10 ms: a few seconds of crawling.
    static let web = ServedWeb.generated(hosts: 4, pages: 40, latency: .milliseconds(10))

    /// Runs `body` with a private Redis (AOF fsync always, so a kill loses
    /// nothing acknowledged), the served web, the arguments every process
    /// passes, and the seeds file.
    private static func withCluster(
        _ web: SyntheticWeb = web,
        _ body: (RedisServerProcess, SyntheticWebServer, _ common: [String], _ seeds: String) async throws -> Void
    ) async throws {
        let redis = try RedisServerProcess(options: .init(appendFsync: .always))
        try redis.start()
        defer { redis.stop() }
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
            let frontier = "unix://\(redis.socketPath)?crawl=c\(UInt32.random(in: 0...UInt32.max))"
            try await body(redis, server, ["--frontier", frontier, "--connect-to", "::127.0.0.1:\(server.port)", "--quiet"], seeds)
        }
    }

    /// Starts the crawl, then `joiners` more processes a moment later;
    /// returns each one's output (the starter's first) and folder.
    private static func crawl(
        _ common: [String], seeds: String, joiners: Int, extra: [String] = [], environment: [[String: String]] = [],
        modes: [String] = []
    ) async throws -> [(output: TrawlProcess.Output, out: String)] {
        var started: [(Process, Pipe, Pipe, String)] = []
        for index in 0...joiners {
            let out = TrawlProcess.temporaryDirectory("cluster-\(index)")
            let mode = index < modes.count ? ["--mode", modes[index]] : []
            let arguments = ["crawl"] + (index == 0 ? [seeds] : []) + common + extra + mode + ["--out", out, "--concurrency", "4"]
            let (process, stdout, stderr) = try TrawlProcess.start(
                arguments, environment: index < environment.count ? environment[index] : [:])
            started.append((process, stdout, stderr, out))
            if index == 0 { try await Task.sleep(for: .milliseconds(300)) }
        }
        var results: [(output: TrawlProcess.Output, out: String)] = []
        for (process, stdout, stderr, out) in started {
            results.append((try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(120)), out))
        }
        return results
    }

    private static func urls(in folder: String) throws -> [String] {
        try String(contentsOfFile: folder + "/pages.jsonl", encoding: .utf8).split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["url"] as? String ?? ""
        }
    }

    private static func report(in folder: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/report.json"))) as? [String: Any] ?? [:]
    }

    /// Requests one process makes to crawl `web` (every page once, each
    /// robots.txt once, the web's failing pages retried), on a server of
    /// its own.
    private static func requestsOfOneProcess(_ web: SyntheticWeb = web) async throws -> Int {
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
            let run = try await TrawlProcess.run(["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--quiet",
                                                  "--no-state", "--out", TrawlProcess.temporaryDirectory("one")])
            #expect(run.status == 0, "\(run.stderr)")
            return server.stats.requestsPerHost.values.reduce(0, +)
        }
    }

    /// Edges and one line per URL, as one process crawls it.
    private static func expectTruth(_ folder: String, web: SyntheticWeb = web) throws {
        #expect(try String(contentsOfFile: folder + "/edges.csv", encoding: .utf8) == CrawlHarnessTruth.csv(web))
        let urls = try urls(in: folder)
        #expect(urls.count == Set(urls).count, "a URL has two lines")
        #expect(try report(in: folder)["completed"] as? Bool == true)
    }

    /// Each process runs any in-process strategy: here async, threads,
    /// pool and async again.
    @Test func fourProcessesCrawlTheTruthAndSplitTheWork() async throws {
        try await Self.withCluster { _, server, common, seeds in
            let runs = try await Self.crawl(common, seeds: seeds, joiners: 3,
                                            modes: ["async", "threads", "pool", "async"])
            for run in runs { #expect(run.output.status == 0, "\(run.output.stderr)") }
            try Self.expectTruth(runs[0].out)
            // The starter's folder has the whole crawl; each joiner's, the
            // pages it fetched; every page was fetched once.
            let whole = Set(try Self.urls(in: runs[0].out))
            let shares = try runs.dropFirst().map { try Self.urls(in: $0.out) }
            #expect(shares.contains { !$0.isEmpty }, "no joiner got any work")
            #expect(Set(shares.joined()).isSubset(of: whole))
            let requests = server.stats.requestsPerHost.values.reduce(0, +)
            #expect(requests == (try await Self.requestsOfOneProcess()), "a page was fetched twice")
        }
    }

    /// Depth is the shortest distance from a seed whatever the timing, so
    /// a cut at --max-depth 2 is one process's cut.
    @Test func maxDepthCutsWhereOneProcessCuts() async throws {
        try await Self.withCluster { _, server, common, seeds in
            let runs = try await Self.crawl(common, seeds: seeds, joiners: 3, extra: ["--max-depth", "2"])
            for run in runs { #expect(run.output.status == 0, "\(run.output.stderr)") }
            let single = TrawlProcess.temporaryDirectory("single")
            let one = try await TrawlProcess.run(["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--quiet",
                                                  "--max-depth", "2", "--no-state", "--out", single])
            #expect(one.status == 0)
            #expect(try String(contentsOfFile: runs[0].out + "/edges.csv", encoding: .utf8)
                    == String(contentsOfFile: single + "/edges.csv", encoding: .utf8))
            #expect(Set(try Self.urls(in: runs[0].out)) == Set(try Self.urls(in: single)))
            #expect(try Self.report(in: runs[0].out)["refused"] as? [String: Int]
                    == Self.report(in: single)["refused"] as? [String: Int])
        }
    }

    /// One process dies (SIGKILL) between adding a page's links and ending
    /// its lease, another with transfers in flight: their leases run out
    /// and go to the others, and the crawl ends with the truth. Only what
    /// they held is fetched again.
    @Test func processesKilledAtFaultPointsLoseNothing() async throws {
        try await Self.withCluster { _, server, common, seeds in
            let runs = try await Self.crawl(
                common, seeds: seeds, joiners: 2, extra: ["--lease-time", "1s"],
                environment: [[:], ["TRAWL_TEST_FAULT": "links-added:5"], ["TRAWL_TEST_FAULT": "in-flight:12"]])
            #expect(runs[0].output.status == 0, "\(runs[0].output.stderr)")
            #expect(runs[1].output.status == 9 || runs[1].output.stderr.contains("killing this process"),
                    "\(runs[1].output.stderr)")
            #expect(runs[2].output.stderr.contains("jobs started, transfers in flight)"), "\(runs[2].output.stderr)")
            try Self.expectTruth(runs[0].out)
            let requests = server.stats.requestsPerHost.values.reduce(0, +)
            let once = try await Self.requestsOfOneProcess()
            // What is fetched again is what the killed processes had
            // started and not ended in Redis: the first at most its 4
            // robots.txt, 5 pages and 4 in flight; the second at most the
            // 12 jobs it died after, and 3 more its last round started.
            #expect(requests > once && requests <= once + 13 + 15, "\(requests) requests where one process makes \(once)")
        }
    }

    /// Redis killed mid-crawl and started again from its append-only file:
    /// the processes wait, say so, and go on; nothing acknowledged is lost.
    @Test func redisKilledAndRestartedFromItsAppendOnlyFileLosesNothing() async throws {
        let web = ServedWeb.generated(hosts: 4, pages: 60, latency: .milliseconds(30))
        try await Self.withCluster(web) { redis, _, common, seeds in
            let out = TrawlProcess.temporaryDirectory("aof")
            let (process, stdout, stderr) = try TrawlProcess.start(["crawl", seeds] + common + ["--out", out, "--concurrency", "4"])
            try await Task.sleep(for: .milliseconds(1200))
            #expect(process.isRunning, "the crawl ended before Redis could be killed")
            redis.kill()
            try await Task.sleep(for: .milliseconds(800))
            try redis.restart()
            let output = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(120))
            #expect(output.status == 0, "\(output.stderr)")
            #expect(output.stderr.contains("retrying in"), "\(output.stderr)")
            try Self.expectTruth(out, web: web)
        }
    }

    /// --per-host and --delay hold across processes: the server never sees
    /// more than 2 requests at once per host, nor two starts closer than the
    /// delay (less the trip through a loaded machine's fetcher).
    @Test func politenessHoldsAcrossProcesses() async throws {
        let web = ServedWeb.generated(hosts: 3, pages: 20, latency: .milliseconds(40))
        try await Self.withCluster(web) { _, server, common, seeds in
            // Joiners may repeat the crawl's own politeness flags.
            let runs = try await Self.crawl(common, seeds: seeds, joiners: 2, extra: ["--per-host", "2", "--delay", "100ms"])
            for run in runs { #expect(run.output.status == 0, "\(run.output.stderr)") }
            try Self.expectTruth(runs[0].out, web: web)
            let stats = server.stats
            for host in web.hostNames {
                #expect(stats.peakConcurrentRequestsPerHost[host, default: 0] <= 2, "\(host)")
                let times = stats.requestTimestamps[host, default: []]
                #expect(times.count >= 20, "\(host)")
                for (earlier, later) in zip(times, times.dropFirst()) {
                    #expect(later - earlier >= .milliseconds(75), "\(host) requests \(earlier) → \(later)")
                }
            }
        }
    }

    /// A hostile web (robots.txt 404, 500, Disallow /; redirect chains, a
    /// loop, a redirect out of scope and one into a disallowed path): two
    /// processes record every URL as one process records it. (h4, whose
    /// Crawl-delay of 1 s would make this a minute long, is left out:
    /// politenessHoldsAcrossProcesses covers delays.)
    @Test func robotsAndRedirectsAreJudgedAsOneProcessJudgesThem() async throws {
        var config = SyntheticWebConfig()
        config.seed = 7
        config.hosts = 5
        config.pagesPerHost = 4
        config.profile = .hostile
        let web = SyntheticWeb(config)
        // The redirect traps stay; the slow and huge bodies, which only cost
        // time here, do not.
        let scope = ["--deny", "/trap/(?!redirect/(chain|loop|out-of-scope|to-private))", "--deny", "^http://h4\\."]
        func outcomes(_ folder: String) throws -> [String: String] {
            var outcomes: [String: String] = [:]
            for line in try String(contentsOfFile: folder + "/pages.jsonl", encoding: .utf8).split(separator: "\n") {
                let page = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                let redirects = (page["redirects"] as? [[String: Any]] ?? []).map { "\($0["url"] ?? "")" }
                outcomes[page["url"] as? String ?? ""] = "\(page["status"] ?? "none") \(page["error"] ?? "none") depth \(page["depth"] ?? "?") via \(redirects) to \(page["final_url"] ?? "")"
            }
            return outcomes
        }
        try await Self.withCluster(web) { _, server, common, seeds in
            let runs = try await Self.crawl(common, seeds: seeds, joiners: 1, extra: scope)
            for run in runs { #expect(run.output.status == 0, "\(run.output.stderr)") }
            let single = TrawlProcess.temporaryDirectory("single")
            let one = try await TrawlProcess.run(["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--quiet",
                                                  "--no-state", "--out", single] + scope)
            #expect(one.status == 0, "\(one.stderr)")
            let shared = try outcomes(runs[0].out)
            let alone = try outcomes(single)
            #expect(shared == alone)
            #expect(shared.values.contains { $0.contains("robots-disallowed") })
            #expect(shared.values.contains { $0.contains("robots-unavailable") })
            #expect(shared.values.contains { $0.contains("via [\"") })
            #expect(try String(contentsOfFile: runs[0].out + "/edges.csv", encoding: .utf8)
                    == String(contentsOfFile: single + "/edges.csv", encoding: .utf8))
            let report = try Self.report(in: runs[0].out)
            #expect((report["robots"] as? [String: Any])?["hosts_fetched"] as? Int
                    == (try Self.report(in: single)["robots"] as? [String: Any])?["hosts_fetched"] as? Int)
        }
    }

    /// Ctrl-C on a joiner mid-crawl: it hands its leases back at once and
    /// exits 130 with valid exports of its own pages; the crawl goes on in
    /// the starter and ends with the truth, well before a lease would have
    /// run out.
    @Test func aJoinerStoppedWithCtrlCHandsItsLeasesBack() async throws {
        let web = ServedWeb.generated(hosts: 4, pages: 60, latency: .milliseconds(30))
        try await Self.withCluster(web) { _, _, common, seeds in
            let out = TrawlProcess.temporaryDirectory("starter")
            let (starter, starterOut, starterErr) = try TrawlProcess.start(["crawl", seeds] + common + ["--out", out, "--concurrency", "4"])
            let joined = TrawlProcess.temporaryDirectory("joiner")
            let (joiner, joinerOut, joinerErr) = try TrawlProcess.start(["crawl"] + common + ["--out", joined, "--concurrency", "4"])
            try await TrawlProcess.waitUntilCatching(SIGINT, pid: joiner.processIdentifier)
            try await TrawlProcess.waitForLines(5, in: joined + "/pages.jsonl")
            kill(joiner.processIdentifier, SIGINT)
            let stopped = try await TrawlProcess.finish(joiner, joinerOut, joinerErr, timeout: .seconds(30))
            #expect(stopped.status == 130, "\(stopped.stderr)")
            let folder = try OutputFolder(joined)
            #expect(folder.report["stop_reason"] as? String == "interrupted")
            #expect(folder.isConsistent)
            // The default 30 s lease: a crawl that had to wait one out
            // would not end this soon.
            let started = ContinuousClock.now
            let whole = try await TrawlProcess.finish(starter, starterOut, starterErr, timeout: .seconds(25))
            #expect(whole.status == 0, "\(whole.stderr)")
            #expect(ContinuousClock.now - started < .seconds(20))
            try Self.expectTruth(out, web: web)
        }
    }

    /// Processes of a cluster are launched together: a joiner that comes
    /// before the crawl is started waits for its seeds, then crawls.
    @Test func aJoinerStartedFirstWaitsForTheSeeds() async throws {
        try await Self.withCluster { _, _, common, seeds in
            let early = TrawlProcess.temporaryDirectory("early")
            let (process, stdout, stderr) = try TrawlProcess.start(["crawl"] + common + ["--out", early])
            try await Task.sleep(for: .milliseconds(700))
            let out = TrawlProcess.temporaryDirectory("starter")
            let starter = try await TrawlProcess.run(["crawl", seeds] + common + ["--out", out])
            let joiner = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(starter.status == 0, "\(starter.stderr)")
            #expect(joiner.status == 0, "\(joiner.stderr)")
            #expect(joiner.stderr.contains("waiting up to 30 s for crawl"), "\(joiner.stderr)")
            try Self.expectTruth(out)
        }
    }

    /// Flags that mean nothing, or cannot be honoured, with a shared
    /// frontier are refused by name before anything starts (exit 64).
    @Test(arguments: [
        (["http://a.test/", "--frontier", "redis://127.0.0.1:1/x", "--max-pages", "5"], "--max-pages cannot be used with --frontier"),
        (["--frontier", "redis://127.0.0.1:1/x", "--mode", "processes"], "--mode processes cannot be used with --frontier"),
        (["--frontier", "redis://127.0.0.1:1/x", "--resume", "somewhere"], "--resume cannot be used with --frontier"),
        (["http://a.test/", "--frontier", "redis://127.0.0.1:1/x", "--no-state"], "--no-state means nothing with --frontier"),
        (["http://a.test/", "--lease-time", "10s"], "--lease-time needs --frontier"),
        (["http://a.test/", "--frontier", "redis://127.0.0.1:1/x", "--lease-time", "10"], "--lease-time must be between"),
        (["http://a.test/", "--frontier", "http://127.0.0.1/x"], "--frontier"),
    ])
    func flagsASharedCrawlCannotHonourAreRefused(arguments: [String], message: String) async throws {
        let out = arguments.contains("--resume") ? [] : ["--out", TrawlProcess.temporaryDirectory("refused")]
        let run = try await TrawlProcess.run(["crawl"] + arguments + out)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// A joiner takes the crawl's stored settings; a flag that would
    /// change them is refused by name, and so is a second start.
    @Test func aJoinerWithConflictingFlagsAndASecondStartAreRefused() async throws {
        try await Self.withCluster { _, _, common, seeds in
            let out = TrawlProcess.temporaryDirectory("first")
            let first = try await TrawlProcess.run(["crawl", seeds] + common + ["--out", out, "--max-depth", "1",
                                                                               "--max-path-variants", "0"])
            #expect(first.status == 0, "\(first.stderr)")
            let deeper = try await TrawlProcess.run(["crawl"] + common + ["--max-depth", "3", "--out", TrawlProcess.temporaryDirectory("j")])
            #expect(deeper.status == 64)
            #expect(deeper.stderr.contains("--max-depth differs from the setting crawl"), "\(deeper.stderr)")
            let polite = try await TrawlProcess.run(["crawl"] + common + ["--delay", "1s", "--out", TrawlProcess.temporaryDirectory("j")])
            #expect(polite.status == 64)
            #expect(polite.stderr.contains("--delay differs"), "\(polite.stderr)")
            let again = try await TrawlProcess.run(["crawl", seeds] + common + ["--out", TrawlProcess.temporaryDirectory("again")])
            #expect(again.status == 64)
            #expect(again.stderr.contains("already exists"), "\(again.stderr)")
            // The same depth is no conflict, nor is a flag left out (the
            // stored --max-path-variants 0 holds): this joiner finds the crawl over.
            let same = try await TrawlProcess.run(["crawl"] + common + ["--max-depth", "1", "--out", TrawlProcess.temporaryDirectory("j")])
            #expect(same.status == 0, "\(same.stderr)")
            let status = try await TrawlProcess.run(["status", "--json", "--interval", "0s"] + Array(common.prefix(2)))
            #expect(status.status == 0, "\(status.stderr)")
            let summary = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            #expect(summary?["finished"] as? Bool == true)
            #expect(summary?["pending"] as? Int == 0)
            let exported = TrawlProcess.temporaryDirectory("exported")
            let export = try await TrawlProcess.run(["export", "--out", exported] + Array(common.prefix(2)))
            #expect(export.status == 0, "\(export.stderr)")
            #expect(try String(contentsOfFile: exported + "/edges.csv", encoding: .utf8)
                    == String(contentsOfFile: out + "/edges.csv", encoding: .utf8))
            let missing = try await TrawlProcess.run(["status", "--frontier", "redis://127.0.0.1:1/none", "--interval", "0s"])
            #expect(missing.status == 69)
            #expect(missing.stderr.contains("127.0.0.1:1"), "\(missing.stderr)")
        }
    }
}
