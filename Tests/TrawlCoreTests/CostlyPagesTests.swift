import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// The hostile web's costly pages — a 64 KiB `<base href>` over 8,000
/// links, a tag of 60,000 attributes, backtracking bait for a `--deny`
/// pattern and a 1 MiB title — crawled in every mode: each is recorded,
/// counted and bounded, in time, memory and output.
@Suite(.timeLimit(.minutes(3)))
struct CostlyPagesTests {
    static let root = "http://h0.trawl.test/"
    static let costly = ["long-base", "attribute-bomb", "backtracking", "huge-title"]

    @Test(arguments: PolitenessTests.modes)
    func costlyPagesAreBoundedInEveryMode(strategy: StrategyEquivalenceTests.Strategy) async throws {
        let web = PolitenessTests.hostileWeb(hosts: 1, pages: 2)
        let started = ContinuousClock.now
        let run = try await CrawlHarness.crawl(web, name: "costly-\(strategy.testDescription)") {
            strategy.apply(to: &$0)
            $0.allow = [try! PatternMatcher(
                #"^http://h0\.trawl\.test/(trap/(html/(long-base|attribute-bomb|backtracking|huge-title)|found/.*))?$"#,
                flag: "--allow")]
            $0.deny = [try! PatternMatcher("(a+)+$", flag: "--deny")]
        }
        let took = ContinuousClock.now - started
        let report = run.result.report
        #expect(report.completed)
        #expect(took < .seconds(60), "the crawl took \(took)")
        let lines = Dictionary(run.pageLines.map { ($0["url"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        for name in Self.costly {
            let line = try #require(lines[Self.root + "trap/html/" + name], "\(name) was not fetched")
            #expect(line["status"] as? Int == 200, "\(name)")
        }

        // The long base: every relative link is 64 KiB long, so dropped,
        // counted and no edge; the two root-relative links are kept.
        let longBase = try #require(lines[Self.root + "trap/html/long-base"])
        #expect(longBase["links_too_long"] as? Int == 8_000)
        #expect(longBase["outlinks"] as? Int == 2)
        #expect(report.linksDropped["max-url-length"] == 8_000)

        // The attribute bomb: cut down before libxml2, its links still found.
        let bomb = try #require(lines[Self.root + "trap/html/attribute-bomb"])
        #expect(bomb["parse_limited"] as? Bool == true)
        #expect(bomb["outlinks"] as? Int == 3)
        #expect(report.pagesLimited["parse-limited"] == 1)
        for target in ["attribute-bomb-before", "attribute-bomb-tag", "attribute-bomb-after"] {
            #expect(lines[Self.root + "trap/found/" + target] != nil, "\(target)")
        }

        // The bait: the --deny test ran out of steps, so the link is out
        // of scope and counted; the page's plain link is crawled.
        let bait = try #require(lines[Self.root + "trap/html/backtracking"])
        #expect(bait["regex_timeouts"] as? Int == 1)
        #expect(report.linksDropped["regex-timeout"] == 1)
        #expect(lines[Self.root + "trap/found/plain"] != nil)
        #expect(!lines.keys.contains { $0.hasSuffix("a!") })

        // The huge title: 1 KiB kept, the full length recorded.
        let title = try #require(lines[Self.root + "trap/html/huge-title"])
        #expect(((title["title"] as? String)?.utf8.count ?? .max) <= 1024)
        #expect((title["title_length"] as? Int ?? 0) > 1_000_000)
        #expect(report.pagesLimited["max-title-length"] == 1)

        // Output and memory stay small: a few KiB of exports, not the
        // gigabytes these pages once made.
        for file in ["pages.jsonl", "edges.csv", "graph.graphml", "graph.dot"] {
            let size = try FileManager.default.attributesOfItem(atPath: run.directory + "/" + file)[.size] as? Int ?? .max
            #expect(size < 64 * 1024, "\(file) is \(size) bytes")
        }
        #expect(report.resources.peakRSSBytes < 400 << 20, "peak RSS \(report.resources.peakRSSBytes)")
    }
}
