import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// A crawl with no limiting flags, pointed at a site that never ends, ends
/// by itself, and report.json says how to run it again.
@Suite(.timeLimit(.minutes(5)))
struct DefaultCrawlTests {
    /// `trawl serve --profile hostile --hosts 1 --pages 30`: once a crawl
    /// with default flags walked its path calendar for 11 minutes and 1.6
    /// million pages. Now --max-path-variants ends the walk, and every trap
    /// page the crawl met is classified as the web's truth allows.
    @Test func aDefaultFlagCrawlOfTheHostileWebEndsByItself() async throws {
        var config = SyntheticWebConfig()
        config.hosts = 1
        config.pagesPerHost = 30
        config.profile = .hostile
        let web = SyntheticWeb(config)
        try await ServedWeb.crawling(web) { arguments, out in
            let result = try await TrawlProcess.run(arguments, timeout: .seconds(240))
            #expect(result.status == 0, "\(result.stderr)")
            let report = try RunReport.read(from: out + "/report.json")
            #expect(report.completed && report.stopReason == nil)
            #expect(report.refused["max-path-variants"] == 2)
            #expect(report.settings.maxPathVariants == 1000 && report.settings.maxPathSegments == 20)
            let lines = try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n")
            var outcomes: [String: String?] = [:]
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                outcomes[object["url"] as! String] = object["error"] as? String
            }
            let calendar = outcomes.keys.filter { $0.contains("/trap/calendar/") }
            #expect(calendar.count == 1000)
            var checked = 0
            for trap in web.hostileTraps() where trap.match == .exact {
                let outcome = try #require(outcomes[trap.url], "\(trap.url) was never fetched")
                #expect(([trap.outcome] + trap.alternatives).contains(outcome), "\(trap.url): \(outcome ?? "success")")
                checked += 1
            }
            #expect(checked >= 20)
        }
    }

    /// report.json's command, run as it is, crawls the same web the same
    /// way: the same settings and the same edge set.
    @Test func theReportsCommandReproducesTheRun() async throws {
        let web = ServedWeb.generated(hosts: 2, pages: 25, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let flags = ["--max-depth", "3", "--deny", "/page/1[0-9]$", "--user-agent", "it's me (+http://x.test/)",
                         "--retry-on", "503,429", "--max-path-variants", "0", "--delay", "1"]
            let first = try await TrawlProcess.run(arguments + flags)
            #expect(first.status == 0, "\(first.stderr)")
            let report = try RunReport.read(from: out + "/report.json")
            #expect(report.settings.retryOn == [429, 503])
            #expect(report.settings.maxPathVariants == nil)
            #expect(report.settings.userAgent == "it's me (+http://x.test/)")
            let words = try #require(Self.shellWords(report.settings.command))
            #expect(Array(words.prefix(2)) == ["trawl", "crawl"])
            let again = TrawlProcess.temporaryDirectory("again")
            let second = try await TrawlProcess.run(Array(words.dropFirst()) + ["--out", again, "--quiet"])
            #expect(second.status == 0, "\(second.stderr)")
            let rerun = try RunReport.read(from: again + "/report.json")
            #expect(rerun.settings == report.settings)
            #expect(rerun.edgeSet == report.edgeSet)
        }
    }

    /// Splits what `CrawlCommandLine.shellQuoted` wrote: bare words and
    /// single-quoted ones (with `'\''` for a quote).
    static func shellWords(_ line: String) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
            } else if quoted {
                if character == "'" { quoted = false } else { word.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == "\\" {
                escaped = true  // only ever before a quote: '\''
                inWord = true
            } else if character == " " {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if quoted { return nil }
        if inWord { words.append(word) }
        return words
    }
}
