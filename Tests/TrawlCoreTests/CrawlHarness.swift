import Foundation
import SyntheticWeb
import TrawlCore

/// Crawls a SyntheticWeb served on 127.0.0.1 with the real engine and
/// libcurl, into a fresh temporary folder.
struct CrawlHarness {
    struct Run {
        var result: CrawlEngine.Result
        var directory: String
        var edgesCSV: String { (try? String(contentsOfFile: directory + "/edges.csv", encoding: .utf8)) ?? "" }
        /// redirects.csv's rows, without the header.
        var redirectRows: [Substring] {
            let text = (try? String(contentsOfFile: directory + "/redirects.csv", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").dropFirst().map { $0 }
        }
        var pageLines: [[String: Any]] {
            let text = (try? String(contentsOfFile: directory + "/pages.jsonl", encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
        var fetchedURLs: [String] { pageLines.compactMap { $0["url"] as? String } }
    }

    static func temporaryDirectory(_ name: String) -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("trawl-tests-\(getpid())-\(name)-\(UUID().uuidString.prefix(8))").path
        return path
    }

    static func crawl(
        _ web: SyntheticWeb, name: String, seeds: [String]? = nil,
        configure: (inout CrawlOptions) -> Void = { _ in }
    ) async throws -> Run {
        var stats = ServerStats()
        return try await crawl(web, name: name, seeds: seeds, statsOut: &stats, configure: configure)
    }

    /// Crawls like `crawl`, and hands back what the server recorded.
    static func crawl(
        _ web: SyntheticWeb, name: String, seeds: [String]? = nil, statsOut: inout ServerStats,
        configure: (inout CrawlOptions) -> Void = { _ in }
    ) async throws -> Run {
        let (run, stats) = try await SyntheticWebServer.withRunning(web) { server in
            var options = CrawlOptions()
            options.concurrency = 32
            options.limits.perHost = 8
            options.fetch.connectTo = ["::127.0.0.1:\(server.port)"]
            options.fetch.timeout = .seconds(20)
            options.outputDirectory = temporaryDirectory(name)
            options.workerExecutable = trawlExecutable
            configure(&options)
            let seedList = SeedList(text: (seeds ?? web.seedURLs).joined(separator: "\n"))
            let result = try await CrawlEngine.run(seeds: seedList, options: options)
            return (Run(result: result, directory: options.outputDirectory), server.stats)
        }
        statsOut = stats
        return run
    }

    /// The built `trawl` beside the test bundle: `--mode processes` starts
    /// it as its workers (this process is the test runner, not trawl).
    static var trawlExecutable: String {
        if let override = ProcessInfo.processInfo.environment["TRAWL_BIN"] { return override }
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: selfPath).deletingLastPathComponent().appendingPathComponent("trawl").path
    }

    static func truthCSV(_ web: SyntheticWeb) -> String {
        (["source,target"] + web.truthEdges()).joined(separator: "\n") + "\n"
    }
}
