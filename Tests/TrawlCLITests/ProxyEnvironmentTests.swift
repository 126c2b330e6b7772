import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// A proxy taken from the environment is used as curl would use it, and
/// said: report.json and the summary line name it, password masked;
/// `--no-proxy-env` goes direct.
@Suite(.timeLimit(.minutes(2)))
struct ProxyEnvironmentTests {
    /// Port 1 on loopback: nothing listens, so a proxied request fails at
    /// once, and a robots.txt fetched through it is unreachable.
    static let deadProxy = #"http_proxy=http://alice:s3cret@127.0.0.1:1 exec "$0" "$@""#

    @Test func aProxyFromTheEnvironmentIsUsedAndRecordedWithItsPasswordMasked() async throws {
        let web = ServedWeb.generated(hosts: 1, pages: 3, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let (process, stdout, stderr) = try TrawlProcess.start(arguments + ["--retries", "0"], shell: Self.deadProxy)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 0, "\(result.stderr)")
            let report = try RunReport.read(from: out + "/report.json")
            #expect(report.settings.proxy?.http == "http://alice:****@127.0.0.1:1")
            #expect(report.settings.proxyEnvironment)
            #expect(result.stdout.contains("proxy      http via http://alice:****@127.0.0.1:1"))
            #expect(!result.stdout.contains("s3cret"))
            // robots.txt could not be fetched through the proxy: the root
            // page says so, not "robots.txt disallows it".
            let line = try #require(String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8)
                .split(separator: "\n").first)
            #expect(line.contains(#""error":"robots-unavailable""#), "\(line)")
            let report2 = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
            #expect(!report2.contains("s3cret"))
        }
    }

    @Test func noProxyEnvGoesDirect() async throws {
        let web = ServedWeb.generated(hosts: 1, pages: 3, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let (process, stdout, stderr) = try TrawlProcess.start(arguments + ["--no-proxy-env"], shell: Self.deadProxy)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 0, "\(result.stderr)")
            let report = try RunReport.read(from: out + "/report.json")
            #expect(report.settings.proxy == nil && !report.settings.proxyEnvironment)
            #expect(report.errors.isEmpty && report.pages > 0 && report.statusHistogram["200"] == report.pages)
            #expect(report.settings.command.contains("--no-proxy-env"))
        }
    }
}

/// `--max-buffered-bytes`: its default, the default derived from
/// `--max-memory`, and 0 for no cap, as report.json records them.
@Suite(.timeLimit(.minutes(2)))
struct BodyBudgetFlagTests {
    @Test(arguments: [
        ([String](), 64 << 20),
        (["--max-memory", "512MB"], 256 << 20),
        (["--max-memory", "512MB", "--max-buffered-bytes", "1MB"], 1 << 20),
        (["--max-buffered-bytes", "0"], 0),
    ])
    func theCapIsRecordedAsSet(flags: [String], expected: Int) async throws {
        let web = ServedWeb.generated(hosts: 1, pages: 3, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let result = try await TrawlProcess.run(arguments + flags)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try RunReport.read(from: out + "/report.json")
            #expect(report.settings.maxBufferedBytes == (expected == 0 ? nil : expected))
            #expect(report.bodyBudget?.limitBytes == (expected == 0 ? nil : expected))
            #expect(report.bodyBudget?.stalls == (expected == 0 ? nil : 0))
            #expect(result.stdout.contains("bodies held at most") == (expected != 0))
        }
    }
}
