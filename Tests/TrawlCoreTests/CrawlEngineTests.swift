import Foundation
import SyntheticWeb
import Testing
import TrawlCore

@Suite(.timeLimit(.minutes(3)))
struct CrawlEngineTests {
    /// The flagship check: a real crawl over real HTTP reproduces the
    /// generated web's ground-truth edge set exactly.
    @Test func crawlReproducesTheGroundTruthEdgeSet() async throws {
        var config = SyntheticWebConfig()
        config.seed = 7
        config.hosts = 5
        config.pagesPerHost = 420
        let web = SyntheticWeb(config)
        let run = try await CrawlHarness.crawl(web, name: "truth") { $0.concurrency = 64; $0.limits.perHost = 16 }
        #expect(run.result.failure == nil)
        #expect(run.result.report.completed)
        #expect(run.edgesCSV == CrawlHarness.truthCSV(web))
        let fetched = run.fetchedURLs
        #expect(Set(fetched).count == fetched.count, "a URL was fetched twice")
        #expect(run.result.report.pages == fetched.count)
        #expect(run.result.report.pages >= 2_000)
        // Every page is fetched; /redirect/N links end at page N with a 200
        // too, so the distinct final URLs of 200s are exactly the pages.
        let finalURLsOf200s = Set(run.pageLines.filter { $0["status"] as? Int == 200 }.compactMap { $0["final_url"] as? String })
        #expect(finalURLsOf200s == Set(web.pageURLs()))
    }

    /// Depth is the shortest link distance, even when the short path is the
    /// slow one: S→A(slow)→T→U and S→B→C→T. T is at distance 2 and U at 3.
    @Test func maxDepthFollowsTheShortestPathEvenWhenItIsSlow() async throws {
        let host = "http://h0.trawl.test"
        let web = SyntheticWeb(handWritten: [
            HandWrittenPage(url: "\(host)/", links: ["\(host)/a", "\(host)/b"]),
            HandWrittenPage(url: "\(host)/a", links: ["\(host)/t"], latency: .milliseconds(400)),
            HandWrittenPage(url: "\(host)/b", links: ["\(host)/c"]),
            HandWrittenPage(url: "\(host)/c", links: ["\(host)/t"]),
            HandWrittenPage(url: "\(host)/t", links: ["\(host)/u"]),
            HandWrittenPage(url: "\(host)/u", links: ["\(host)/v"]),
            HandWrittenPage(url: "\(host)/v", links: []),
        ])
        let run = try await CrawlHarness.crawl(web, name: "depth", seeds: ["\(host)/"]) { $0.limits.maxDepth = 3 }
        let depths = Dictionary(uniqueKeysWithValues: run.pageLines.map { ($0["url"] as! String, $0["depth"] as! Int) })
        #expect(depths == ["\(host)/": 0, "\(host)/a": 1, "\(host)/b": 1, "\(host)/c": 2, "\(host)/t": 2, "\(host)/u": 3])
    }

    /// `--max-depth D` fetches exactly the URLs at distance ≤ D of the truth
    /// graph (a redirect's target page counts as the redirecting URL's page).
    @Test(arguments: [0, 1, 2, 3])
    func maxDepthFetchesExactlyThePagesWithinDistance(depth: Int) async throws {
        var config = SyntheticWebConfig()
        config.seed = 11
        config.hosts = 3
        config.pagesPerHost = 150
        let web = SyntheticWeb(config)
        let run = try await CrawlHarness.crawl(web, name: "maxdepth-\(depth)") { $0.limits.maxDepth = depth }
        #expect(Set(run.fetchedURLs) == Self.urlsWithin(depth, of: web))
        #expect(run.fetchedURLs.count == Set(run.fetchedURLs).count)
    }

    static func urlsWithin(_ limit: Int, of web: SyntheticWeb) -> Set<String> {
        var out: [String: [String]] = [:]
        for line in web.truthEdges() {
            let parts = line.split(separator: ",", maxSplits: 1).map(String.init)
            out[parts[0], default: []].append(parts[1])
        }
        func successors(_ url: String) -> [String] {
            if let range = url.range(of: "/redirect/") {
                return out[url.replacingCharacters(in: range, with: "/page/")] ?? []
            }
            return out[url] ?? []
        }
        var distance: [String: Int] = [:]
        var frontier = web.seedURLs
        for seed in frontier { distance[seed] = 0 }
        var level = 0
        while !frontier.isEmpty && level < limit {
            level += 1
            var next: [String] = []
            for url in frontier {
                for target in successors(url) where distance[target] == nil {
                    distance[target] = level
                    next.append(target)
                }
            }
            frontier = next
        }
        return Set(distance.keys)
    }

    /// In processes mode the parent keeps the first 37 pages and stops the
    /// workers; pages they had in flight are dropped.
    @Test(arguments: [CrawlOptions.Mode.async, .processes])
    func maxPagesStopsTheCrawlAtTheLimit(mode: CrawlOptions.Mode) async throws {
        var config = SyntheticWebConfig()
        config.hosts = 2
        config.pagesPerHost = 100
        let run = try await CrawlHarness.crawl(SyntheticWeb(config), name: "maxpages") {
            $0.mode = mode
            $0.limits.maxPages = 37
        }
        #expect(run.fetchedURLs.count == 37)
        #expect(run.result.report.pages == 37)
        // Pages were left: the budget, not the web, ended the crawl.
        #expect(!run.result.report.completed)
        #expect(run.result.report.stopReason == "max-pages")
    }

    @Test func anUnwritableOutputFolderFailsBeforeAnyFetch() async throws {
        var options = CrawlOptions()
        options.outputDirectory = "/proc/trawl-cannot-write-here"
        await #expect(throws: TrawlError.self) {
            try await CrawlEngine.run(seeds: SeedList(text: "http://h0.trawl.test/"), options: options)
        }
    }

    @Test func noValidSeedIsRefused() async throws {
        var options = CrawlOptions()
        options.outputDirectory = CrawlHarness.temporaryDirectory("noseed")
        await #expect(throws: TrawlError.self) {
            try await CrawlEngine.run(seeds: SeedList(text: "ftp://x/\n"), options: options)
        }
        #expect(!FileManager.default.fileExists(atPath: options.outputDirectory))
    }
}
