import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// `trawl crawl` takes its seeds as URL arguments, from a seeds file (as
/// the argument or with --seeds) or from standard input (`-`), through the
/// one seed parser; a seed argument that is neither a URL nor a file is
/// refused by name (exit 64).
@Suite(.timeLimit(.minutes(3)))
struct SeedFlagsTests {
    /// The same seeds given four ways crawl the same web: the same pages,
    /// the same edge set; report.json's command gives them back.
    @Test func seedsFromArgumentsStdinAndAFileCrawlTheSameWeb() async throws {
        let web = ServedWeb.generated(hosts: 2, pages: 6, latency: .zero)
        try await SyntheticWebServer.withRunning(web) { server in
            let seeds = web.seedURLs
            let file = try TrawlProcess.temporaryFile("seeds.txt", contents: seeds.joined(separator: "\n") + "\n")
            let flags = ["--connect-to", "::127.0.0.1:\(server.port)", "--quiet"]
            var reports: [String: RunReport] = [:]
            for (name, seedArguments, stdin) in [("file", [file], nil), ("--seeds", ["--seeds", file], nil),
                                                 ("arguments", seeds, nil), ("stdin", ["-"], seeds.joined(separator: "\n"))] {
                let out = TrawlProcess.temporaryDirectory("seeds-\(name)")
                let result = try await TrawlProcess.run(["crawl"] + seedArguments + flags + ["--out", out], stdin: stdin)
                #expect(result.status == 0, "\(name): \(result.stderr)")
                reports[name] = try RunReport.read(from: out + "/report.json")
            }
            let byFile = try #require(reports["file"])
            #expect(byFile.completed && byFile.edgeSet.edges == web.truthEdges().count)
            for (name, report) in reports {
                #expect(report.settings.seeds == 2, "\(name)")
                #expect(report.edgeSet == byFile.edgeSet, "\(name)")
                #expect(report.pages == byFile.pages, "\(name)")
            }
            let arguments = try #require(reports["arguments"])
            #expect(arguments.settings.seedsFile == seeds.joined(separator: " "))
            let words = try #require(DefaultCrawlTests.shellWords(arguments.settings.command))
            #expect(Array(words.prefix(4)) == ["trawl", "crawl"] + seeds)
            #expect(reports["stdin"]?.settings.seedsFile == "-")
            #expect(reports["--seeds"]?.settings.seedsFile == file)
        }
    }

    @Test(arguments: [
        (["http://a.test/", "nope.txt"], "'nope.txt' is neither a URL (http:// or https://) nor a readable seeds file"),
        (["http://a.test/", "-"], "'-' (seeds from standard input) must be the only seed argument"),
        (["--seeds", "x.txt", "http://a.test/"], "--seeds x.txt and seed arguments both given: give seeds one way"),
        ([], "no seeds: give seed URLs, a seeds file, or - to read them from standard input"),
    ])
    func seedArgumentsThatNameNoSeedsAreRefusedByName(arguments: [String], message: String) async throws {
        let out = TrawlProcess.temporaryDirectory("refused")
        let result = try await TrawlProcess.run(["crawl"] + arguments + ["--out", out])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aSeedsFileAmongURLsIsRefusedByName() async throws {
        let file = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://a.test/\n")
        let result = try await TrawlProcess.run(["crawl", "http://b.test/", file])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: '\(file)' is a seeds file: give it as the only seed argument, or with --seeds"), "\(result.stderr)")
    }

    /// A seed argument is checked like a seeds file's line, and a bad one
    /// is fatal: it was typed, not collected.
    @Test func aBadSeedURLArgumentIsRefusedNamingIt() async throws {
        let out = TrawlProcess.temporaryDirectory("refused")
        let result = try await TrawlProcess.run(["crawl", "http://good.test/", "http://a:99999/", "--out", out])
        #expect(result.status == 64)
        #expect(result.stderr == "trawl: error: seed argument 2: invalid port 99999: ports go up to 65535: http://a:99999/\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// Standard input gets a seeds file's checks: bad lines are named and
    /// skipped, and with none left the crawl is refused.
    @Test func stdinIsCheckedLikeASeedsFile() async throws {
        let out = TrawlProcess.temporaryDirectory("refused")
        let result = try await TrawlProcess.run(["crawl", "-", "--out", out], stdin: "# comment\nftp://x.test/\n")
        #expect(result.status == 66)
        #expect(result.stderr == """
            trawl: warning: stdin: line 2: unsupported scheme 'ftp' (only http and https are crawled): ftp://x.test/ (skipped)
            trawl: error: no valid seed in standard input: all 1 URL lines are bad

            """)
        let binary = try await TrawlProcess.run(["crawl", "-", "--out", out], stdin: "http://a.test/\n\u{0}\n")
        #expect(binary.status == 65)
        #expect(binary.stderr == "trawl: error: the seeds on standard input is binary (a NUL byte on line 2), expected one URL per line\n")
    }

    /// The seeds file's length limit holds for arguments and stdin too.
    @Test func maxURLLengthHoldsForEverySeedSource() async throws {
        let long = "http://a.test/" + String(repeating: "x", count: 40)
        let argument = try await TrawlProcess.run(["crawl", long, "--max-url-length", "20"])
        #expect(argument.status == 64)
        #expect(argument.stderr.contains("seed argument 1: longer than --max-url-length (\(long.utf8.count) bytes, the limit is 20)"), "\(argument.stderr)")
        let stdin = try await TrawlProcess.run(["crawl", "-", "--max-url-length", "20", "--strict"], stdin: long + "\n")
        #expect(stdin.status == 65)
        #expect(stdin.stderr.contains("stdin: line 1: longer than --max-url-length (\(long.utf8.count) bytes, the limit is 20)"), "\(stdin.stderr)")
    }
}
