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
