import Foundation
import SyntheticWeb
import Testing
@testable import TrawlCore

/// Logging of a real crawl: each fetch at debug, each redirect hop and
/// robots.txt decision at trace, as text or JSON lines whose fields are
/// keys, into a file that every worker process appends to.
@Suite(.timeLimit(.minutes(2)))
struct CrawlLogTests {
    static let web = GraphExportsTests.web
    static let host = GraphExportsTests.host

    private func crawl(_ mode: CrawlOptions.Mode = .async, _ log: LogSettings) async throws -> [String] {
        let path = CrawlHarness.temporaryDirectory("log") + ".log"
        var settings = log
        settings.file = path
        let run = try await CrawlHarness.crawl(Self.web, name: "log-\(mode)", seeds: ["\(Self.host)/"]) { options in
            options.mode = mode
            options.scopeRule = .any
            options.log = settings
            options.limits.obeyRobots = true
        }
        #expect(run.result.report.completed)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    private func objects(_ lines: [String]) throws -> [[String: Any]] {
        try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(arguments: [CrawlOptions.Mode.async, .processes])
    func traceInJSONGivesEveryFetchHopAndRobotsDecision(mode: CrawlOptions.Mode) async throws {
        let lines = try objects(try await crawl(mode, LogSettings(level: .trace, format: .json)))
        let fetched = lines.filter { $0["message"] as? String == "fetched" }
        #expect(Set(fetched.compactMap { $0["url"] as? String }) == [
            "\(Self.host)/", "\(Self.host)/a", "\(Self.host)/r", "\(Self.host)/gone",
            "\(GraphExportsTests.other)/x",
        ])
        let gone = try #require(fetched.first { $0["url"] as? String == "\(Self.host)/gone" })
        // Fields are keys with JSON types, not text inside the message.
        #expect(gone["status"] as? Int == 404)
        #expect(gone["error"] as? String == "http-4xx")
        #expect(gone["level"] as? String == "debug")
        #expect((gone["time"] as? String)?.hasSuffix("Z") == true)
        let hops = lines.filter { $0["message"] as? String == "redirect" }
        #expect(hops.map { $0["status"] as? Int }.sorted { ($0 ?? 0) < ($1 ?? 0) } == [301, 302])
        #expect(hops.allSatisfy { $0["level"] as? String == "trace" })
        let robots = lines.filter { $0["message"] as? String == "robots.txt read" }
        #expect(Set(robots.compactMap { $0["url"] as? String }) == [
            "\(Self.host)/robots.txt", "\(GraphExportsTests.other)/robots.txt",
        ])
    }

    @Test func debugInTextLeavesOutTheTraceLines() async throws {
        let lines = try await crawl(.async, LogSettings(level: .debug, format: .text))
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.contains(" debug fetched ") })
        let gone = try #require(lines.first { $0.contains("url=\(Self.host)/gone ") || $0.hasSuffix("url=\(Self.host)/gone") })
        #expect(gone.contains(" status=404"))
        #expect(gone.contains(" error=http-4xx"))
    }

    @Test func theDefaultLevelLogsNoFetches() async throws {
        #expect(try await crawl(.async, LogSettings()).isEmpty)
    }

    @Test func aLogFileStopsAtItsCapAndSaysSo() async throws {
        let lines = try await crawl(.async, LogSettings(level: .trace, format: .text, maxFileBytes: 300))
        #expect(lines.count <= 3)
        #expect(lines.last?.contains("log file reached --log-max-size (300 bytes)") == true)
    }

    @Test func anUnwritableLogFileIsRefusedNamingIt() throws {
        let settings = LogSettings(file: "/nonexistent-dir/trawl.log")
        #expect(throws: TrawlError.self) { try settings.makeLogger() }
        do {
            _ = try settings.makeLogger()
        } catch {
            #expect(error.description.contains("cannot open log file '/nonexistent-dir/trawl.log'"))
        }
    }

    @Test func jsonValuesAreBareOnlyWhenTheyAreJSONNumbersOrBooleans() throws {
        let path = CrawlHarness.temporaryDirectory("json-values") + ".log"
        let logger = try LogSettings(level: .notice, format: .json, file: path).makeLogger()
        logger.notice("values", metadata: ["int": "12", "real": "1.5", "plus": "+5", "zero": "01", "exp": "1e5",
                                           "yes": "true", "text": "a \"b\"\n", "none": ""])
        let line = try String(contentsOfFile: path, encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["int"] as? Int == 12)
        #expect(object["real"] as? Double == 1.5)
        #expect(object["plus"] as? String == "+5")
        #expect(object["zero"] as? String == "01")
        #expect(object["exp"] as? String == "1e5")
        #expect(object["yes"] as? Bool == true)
        #expect(object["text"] as? String == "a \"b\"\n")
        #expect(object["none"] as? String == "")
        #expect(object["message"] as? String == "values")
    }
}
