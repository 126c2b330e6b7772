import Foundation
import Testing
import TrawlCompare
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `trawl compare` as a user runs it: real `trawl serve` and `trawl crawl`
/// child processes on 127.0.0.1.
@Suite(.timeLimit(.minutes(5)))
struct CompareCommandTests {
    /// 3 hosts × 20 pages at no latency: a second or so per run.
    static let smallWeb = ["--hosts", "3", "--pages", "20", "--latency", "0", "--quiet"]

    static func resultsFolder(under out: String) throws -> String {
        let folders = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix("compare-") }
        try #require(folders.count == 1)
        return "\(out)/\(folders[0])"
    }

    @Test func everyModeConcurrencyAndRepeatIsMeasuredAndWritten() async throws {
        let out = TrawlProcess.temporaryDirectory("compare")
        let result = try await TrawlProcess.run(
            ["compare", "--concurrency", "2,8", "--repeat", "2", "--out", out] + Self.smallWeb, timeout: .seconds(240))
        #expect(result.status == 0, "\(result.stderr)")
        let folder = try Self.resultsFolder(under: out)

        let results = try CompareResults.decode(jsonText: String(contentsOfFile: "\(folder)/results.json", encoding: .utf8))
        #expect(results.completed)
        let workload = try #require(results.workloads.first)
        #expect(results.workloads.count == 1)
        let measured = Set(workload.runs.map { "\($0.run.mode.rawValue) \($0.run.concurrency) \($0.run.repeatIndex)" })
        var expected = Set<String>()
        for mode in ["async", "threads", "pool", "processes"] {
            for concurrency in [2, 8] { for index in [1, 2] { expected.insert("\(mode) \(concurrency) \(index)") } }
        }
        #expect(measured == expected)
        #expect(workload.runs.count == 16)
        #expect(workload.runs.allSatisfy { $0.succeeded })
        // Every mode fetched the same URLs (60 pages plus the web's error and
        // redirect URLs) and found the ground truth's edges.
        let pages = Set(workload.runs.map(\.pages))
        #expect(pages.count == 1 && pages.first! > 60)
        #expect(workload.runs.allSatisfy { $0.edgeSetSHA256 == workload.truthSHA256 })
        // Interleaved: the first four runs are the four modes, not one mode four times.
        #expect(workload.runs.prefix(4).map(\.run.mode.rawValue) == ["async", "threads", "pool", "processes"])
        #expect(workload.fairness.passed && workload.fairness.reference == "ground truth")
        #expect(workload.summaries.count == 8)

        let csv = try String(contentsOfFile: "\(folder)/results.csv", encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 17)
        #expect(rows.allSatisfy { $0.count == rows[0].count })
        let pagesColumn = try #require(rows[0].firstIndex(of: "pages"))
        #expect(rows.dropFirst().allSatisfy { Int($0[pagesColumn]) == pages.first })

        for chart in ["pages-per-second-custom.svg", "peak-rss-custom.svg"] {
            let series = try SVGSeriesCounter.count(in: "\(folder)/\(chart)")
            #expect(series == ["async", "threads", "pool", "processes (2 × async)"])
        }
        let report = try String(contentsOfFile: "\(folder)/report.md", encoding: .utf8)
        #expect(report.contains("## custom"))
        #expect(report.contains("libxml2 2."))
        #expect(result.stdout.contains("fairness   custom: every run found the same edge set"))
    }

    /// A real site served offline: no truth, so every run is held to the
    /// edge set most runs share, and here all agree.
    @Test func aDocrootIsComparedAgainstTheMajorityOfRuns() async throws {
        let out = TrawlProcess.temporaryDirectory("docroot")
        let site = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/docroot-site").standardized.path
        let result = try await TrawlProcess.run(
            ["compare", "--docroot", site, "--hosts", "2", "--latency", "2ms", "--modes", "async,pool,processes",
             "--concurrency", "4", "--repeat", "1", "--out", out, "--quiet"], timeout: .seconds(120))
        #expect(result.status == 0, "\(result.stderr)")
        let results = try CompareResults.decode(
            jsonText: String(contentsOfFile: "\(try Self.resultsFolder(under: out))/results.json", encoding: .utf8))
        let workload = try #require(results.workloads.first)
        #expect(workload.truthSHA256 == nil)
        #expect(workload.fairness.passed && workload.fairness.mismatches.isEmpty)
        #expect(workload.runs.count == 3)
        // 12 URLs per host, as the hand-checked fixture graph says.
        #expect(workload.runs.allSatisfy { $0.succeeded && $0.pages == 24 && $0.edges == 2 * 37 })
        #expect(result.stdout.contains("fairness   docroot: every run found the same edge set"))
    }

    @Test func aModeThatDropsEdgesFailsTheFairnessCheck() async throws {
        let out = TrawlProcess.temporaryDirectory("unfair")
        let result = try await TrawlProcess.run(
            ["compare", "--modes", "async,threads", "--concurrency", "4", "--repeat", "1", "--test-drop-edges", "threads",
             "--out", out] + Self.smallWeb, timeout: .seconds(120))
        #expect(result.status == 1)
        #expect(result.stderr.contains("fairness check failed for custom"))
        #expect(result.stderr.contains("threads c4 #1"))
        #expect(!result.stderr.contains("async c4 #1"))
        let results = try CompareResults.decode(
            jsonText: String(contentsOfFile: "\(try Self.resultsFolder(under: out))/results.json", encoding: .utf8))
        #expect(results.workloads[0].fairness.mismatches.map(\.run) == ["threads c4 #1"])
    }

    @Test(arguments: [
        (["--modes", "async,bogus"], "--modes"),
        (["--concurrency", "16,0"], "--concurrency must be at least 1 (got 0)"),
        (["--concurrency", "16,lots"], "--concurrency"),
        (["--repeat", "0"], "--repeat must be at least 1 (got 0)"),
        // Refused with the words `crawl` uses: the rules are shared.
        (["--timeout", "0.0001"], "--timeout must be between 0.001 and 86400 seconds (got 0.0001)"),
        (["--timeout", "inf"], "--timeout must be between 0.001 and 86400 seconds (got inf)"),
        (["--workers", "2000"], "--workers must be at most 1024 (got 2000)"),
        (["--concurrency", "16,2000000"], "--concurrency must be at most 1000000 (got 2000000)"),
        (["--preset", "fast"], "--preset"),
        (["--preset", "all", "--hosts", "3"], "--preset all"),
        (["--connect-to", "::127.0.0.1:1"], "--connect-to applies only with SEEDS"),
        (["--docroot", "/tmp", "--pages", "5"], "--pages shapes a generated web and cannot be used with --docroot"),
        (["--docroot", "/tmp", "--preset", "io-bound"], "--preset describes a generated web; it cannot be used with --docroot"),
    ])
    func badArgumentsAreRefusedByName(arguments: [String], message: String) async throws {
        let out = TrawlProcess.temporaryDirectory("badargs")
        let result = try await TrawlProcess.run(["compare", "--out", out] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aMissingSeedsFileIsNamed() async throws {
        let result = try await TrawlProcess.run(["compare", "/nonexistent/seeds.txt", "--out", TrawlProcess.temporaryDirectory("noseeds")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("cannot read seeds file '/nonexistent/seeds.txt'"))
    }
}

/// Reads an SVG with an XML parser (so it must be well-formed) and lists
/// the `data-series` of its `<g class="series">` groups.
final class SVGSeriesCounter: NSObject, XMLParserDelegate {
    private var series: [String] = []

    static func count(in path: String) throws -> [String] {
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
        let counter = SVGSeriesCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        return counter.series
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g", attributes["class"] == "series", let title = attributes["data-series"] { series.append(title) }
    }
}
