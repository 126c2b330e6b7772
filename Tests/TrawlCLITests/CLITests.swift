import Foundation
import SyntheticWeb
import Testing

@Suite(.timeLimit(.minutes(3)))
struct CrawlCommandTests {
    /// Bad lines are skipped with their numbers; the good seeds are crawled.
    @Test func badSeedLinesAreSkippedAndTheCrawlCompletes() async throws {
        var config = SyntheticWebConfig()
        config.hosts = 2
        config.pagesPerHost = 30
        let web = SyntheticWeb(config)
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs[0] + "\nhttp://bad host/\n" + web.seedURLs[1] + "\n")
            let out = TrawlProcess.temporaryDirectory("skip")
            let result = try await TrawlProcess.run(["crawl", seeds, "--connect-to", "::127.0.0.1:\(server.port)", "--out", out])
            #expect(result.status == 0)
            #expect(result.stderr.contains("trawl: warning: \(seeds): line 2: invalid host 'bad host': a space is not allowed in a host name: http://bad host/ (skipped)\n"))
            #expect(result.stdout.contains("crawl complete"))
            let edges = try String(contentsOfFile: out + "/edges.csv", encoding: .utf8)
            #expect(edges == (["source,target"] + web.truthEdges()).joined(separator: "\n") + "\n")
        }
    }

    /// Ctrl-C: the crawl stops, exits 130, and every file it leaves is
    /// valid — in processes mode too, where the workers hear it as `stop`.
    @Test(arguments: [["--mode", "async"], ["--mode", "processes", "--workers", "3"]])
    func sigintStopsTheCrawlWithValidExports(mode: [String]) async throws {
        var config = SyntheticWebConfig()
        config.hosts = 4
        config.pagesPerHost = 400
        config.latency = .fixed(.milliseconds(200))
        let web = SyntheticWeb(config)
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: web.seedURLs.joined(separator: "\n"))
            let out = TrawlProcess.temporaryDirectory("sigint")
            let (process, stdout, stderr) = try TrawlProcess.start(
                ["crawl", seeds, "--concurrency", "8", "--connect-to", "::127.0.0.1:\(server.port)", "--out", out] + mode)
            try await Task.sleep(for: .milliseconds(1500))
            kill(process.processIdentifier, SIGINT)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(30))
            #expect(result.status == 130)
            let lines = try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n")
            #expect(lines.count > 0 && lines.count < web.pageCount)
            for line in lines {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
            }
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
            #expect(report?["completed"] as? Bool == false)
            #expect(report?["stop_reason"] as? String == "interrupted")
            #expect(report?["pages"] as? Int == lines.count)
            #expect(FileManager.default.fileExists(atPath: out + "/graph.graphml"))
        }
    }
}

struct LinksCommandTests {
    @Test func printsAbsoluteNormalizedHTTPLinksOnce() async throws {
        let html = """
            <html><head><title>t</title></head><body>
            <a href="/a/./b/../c#x">1</a> <a href="HTTP://Example.COM:80/d">2</a>
            <a href="mailto:me@example.com">3</a> <a href="rel/x?q=%7e">4</a>
            <a href="/a/c">dup</a> <area href="https://example.com:443/e">
            </body></html>
            """
        let file = try TrawlProcess.temporaryFile("page.html", contents: html)
        let result = try await TrawlProcess.run(["links", "--base", "http://example.com/dir/page.html", file])
        #expect(result.status == 0)
        #expect(result.stdout == """
            http://example.com/a/c
            http://example.com/d
            http://example.com/dir/rel/x?q=~
            https://example.com/e

            """)
    }

    @Test func aMissingFileIsNamed() async throws {
        let result = try await TrawlProcess.run(["links", "/nonexistent/page.html"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("cannot read HTML file '/nonexistent/page.html'"))
    }
}
