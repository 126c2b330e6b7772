import Foundation
import Testing

/// `--log-level`, `--log-format`, `--log-file`, `--stats-interval` as a user
/// runs them: the built binary, a served web, stderr not a terminal.
@Suite(.timeLimit(.minutes(2)))
struct LoggingFlagsTests {
    @Test func statsLinesGoOutWhenStderrIsNotATerminal() async throws {
        // 3 hosts × 12 pages at 150 ms, 2 at a time: about 2.7 s of crawl.
        let web = ServedWeb.generated(hosts: 3, pages: 12, latency: .milliseconds(150))
        try await ServedWeb.crawling(web) { arguments, _ in
            let noQuiet = arguments.filter { $0 != "--quiet" }
            let output = try await TrawlProcess.run(noQuiet + ["--concurrency", "2", "--per-host", "1", "--stats-interval", "1s"])
            #expect(output.status == 0, "\(output.stderr)")
            let stats = output.stderr.split(separator: "\n").filter { $0.contains(" notice stats ") }
            #expect(stats.count >= 1, "\(output.stderr)")
            #expect(stats.allSatisfy { $0.contains(" pages=") && $0.contains(" pages_per_s=") && $0.contains(" queued=") })
            // No terminal control codes in a log.
            #expect(!output.stderr.contains("\u{1B}["))
        }
    }

    @Test func debugJSONToAFileHasALinePerFetch() async throws {
        let web = ServedWeb.generated(hosts: 2, pages: 5, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let log = out + ".log"
            let output = try await TrawlProcess.run(arguments + ["--log-level", "debug", "--log-format", "json", "-o", log])
            #expect(output.status == 0, "\(output.stderr)")
            let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            let fetched = try lines.compactMap { line -> [String: Any]? in
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["message"] as? String == "fetched" ? object : nil
            }
            let pages = try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n").count
            #expect(fetched.count == pages)
            #expect(fetched.allSatisfy { $0["status"] is Int && $0["url"] is String && $0["level"] as? String == "debug" })
        }
    }

    @Test(arguments: [
        (["--log-level", "loud"], "--log-level"),
        (["--log-format", "xml"], "--log-format"),
        (["--log-file", ""], "--log-file"),
        (["--log-max-size", "0"], "--log-max-size"),
        (["--stats-interval", "10ms"], "--stats-interval"),
        (["--stats-interval", "-1s"], "--stats-interval"),
    ])
    func badValuesAreRefusedNamingTheFlag(flags: [String], flag: String) async throws {
        let output = try await TrawlProcess.run(["crawl", "http://127.0.0.1:9/"] + flags)
        #expect(output.status == 64)
        #expect(output.stderr.contains(flag), "\(output.stderr)")
    }

    @Test func anUnwritableLogFileIsNamed() async throws {
        let output = try await TrawlProcess.run(["crawl", "http://127.0.0.1:9/", "--log-file", "/nonexistent-dir/x.log",
                                                 "--out", TrawlProcess.temporaryDirectory("badlog")])
        #expect(output.status == 73)
        #expect(output.stderr.contains("cannot open log file '/nonexistent-dir/x.log'"), "\(output.stderr)")
    }
}
