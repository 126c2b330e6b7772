import Foundation
import Testing
import TrawlFetch
import TrawlCore

/// `--header`, `--cookie-jar` and `--proxy`, seen from a real local site
/// (`SiteServer`): what each request carried, and what the crawl recorded.
@Suite(.timeLimit(.minutes(3)))
struct NetworkFlagsTests {
    /// The status of each URL in pages.jsonl.
    static func statuses(_ out: String) throws -> [String: Int] {
        var statuses: [String: Int] = [:]
        for line in try String(contentsOfFile: out + "/pages.jsonl", encoding: .utf8).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            statuses[object["url"] as! String] = object["status"] as? Int
        }
        return statuses
    }

    @Test func headersGoWithEveryRequestRobotsTxtIncluded() async throws {
        try await SiteServer.withRunning { site in
            let out = TrawlProcess.temporaryDirectory("headers")
            let result = try await TrawlProcess.run(["crawl", site.url, "--out", out, "--quiet",
                                                     "--header", "X-Trawl-Test: 42", "--header", "Accept-Language:  de ",
                                                     "--header", "Authorization: Bearer s3cret"])
            #expect(result.status == 0, "\(result.stderr)")
            let requests = site.requests
            #expect(Set(requests.map(\.path)) == ["/robots.txt", "/", "/login", "/private"])
            for request in requests {
                #expect(request.headers["x-trawl-test"] == ["42"], "\(request.path)")
                #expect(request.headers["accept-language"] == ["de"], "\(request.path)")
                #expect(request.headers["authorization"] == ["Bearer s3cret"], "\(request.path)")
            }
            // The record repeats the headers, a credential's value masked.
            let report = try RunReport.read(from: out + "/report.json")
            let words = try #require(DefaultCrawlTests.shellWords(report.settings.command))
            let headers = words.indices.filter { words[$0] == "--header" }.map { words[$0 + 1] }
            #expect(headers == ["X-Trawl-Test: 42", "Accept-Language: de", "Authorization: ****"])
            #expect(!(try String(contentsOfFile: out + "/report.json", encoding: .utf8)).contains("s3cret"))
        }
    }

    /// /login sets a cookie and links to /private, which needs it: with a
    /// jar every strategy gets in and the jar holds the cookie at the end;
    /// without one, /private refuses.
    @Test(arguments: ["async", "threads", "pool"])
    func aCookieSetByOnePageOpensTheNextAndIsWrittenToTheJar(mode: String) async throws {
        try await SiteServer.withRunning { site in
            let jar = TrawlProcess.temporaryDirectory("cookies.txt")
            let out = TrawlProcess.temporaryDirectory("jar")
            let result = try await TrawlProcess.run(["crawl", site.url, "--mode", mode, "--out", out, "--quiet", "--cookie-jar", jar])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.statuses(out)[site.url + "private"] == 200)
            let saved = try String(contentsOfFile: jar, encoding: .utf8)
            #expect(saved.contains("127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\t\(SiteServer.cookieValue)\n"), "\(saved)")
            let private_ = site.requests.filter { $0.path == "/private" }
            #expect(private_.count == 1 && private_[0].headers["cookie"] == ["session=\(SiteServer.cookieValue)"])

            // The jar is read at the next crawl's start: its first request
            // to /private already carries the cookie.
            let again = TrawlProcess.temporaryDirectory("jar-again")
            let second = try await TrawlProcess.run(["crawl", site.url + "private", "--out", again, "--quiet", "--cookie-jar", jar])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(try Self.statuses(again)[site.url + "private"] == 200)
        }
    }

    @Test func withoutAJarNoCookieIsKept() async throws {
        try await SiteServer.withRunning { site in
            let out = TrawlProcess.temporaryDirectory("no-jar")
            let result = try await TrawlProcess.run(["crawl", site.url, "--out", out, "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try Self.statuses(out)[site.url + "private"] == 403)
        }
    }

    /// Every request goes through --proxy (the site answers as the proxy,
    /// so the host needs no DNS), even with a proxy in the environment and
    /// with --deny-private (the proxy's loopback address is exempt);
    /// report.json's command names it with its password masked.
    @Test func everyRequestGoesThroughTheProxyWhichIsRecordedMasked() async throws {
        try await SiteServer.withRunning { proxy in
            let out = TrawlProcess.temporaryDirectory("proxy")
            let proxyURL = "http://alice:s3cret@127.0.0.1:\(proxy.port)"
            let (process, stdout, stderr) = try TrawlProcess.start(
                // --deny-private refuses loopback, but not the proxy the user named.
                ["crawl", "http://site.test/", "--out", out, "--proxy", proxyURL, "--retries", "0", "--deny-private"],
                shell: ProxyEnvironmentTests.deadProxy)
            let result = try await TrawlProcess.finish(process, stdout, stderr, timeout: .seconds(60))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Set(proxy.requests.map(\.target)) == ["http://site.test/robots.txt", "http://site.test/",
                                                          "http://site.test/login", "http://site.test/private"])
            #expect(proxy.requests.allSatisfy { $0.headers["proxy-authorization"] == ["Basic YWxpY2U6czNjcmV0"] })
            let report = try RunReport.read(from: out + "/report.json")
            let words = try #require(DefaultCrawlTests.shellWords(report.settings.command))
            let index = try #require(words.firstIndex(of: "--proxy"))
            #expect(words[index + 1] == "http://alice:****@127.0.0.1:\(proxy.port)")
            // The proxy used is recorded, masked; the environment's was not
            // used, and is not named.
            let masked = "http://alice:****@127.0.0.1:\(proxy.port)"
            #expect(report.settings.proxy == ProxyEnvironment(http: masked, https: masked, noProxy: nil))
            #expect(!report.settings.proxyEnvironment)
            #expect(result.stdout.contains("(--proxy)"))
            #expect(!(try String(contentsOfFile: out + "/report.json", encoding: .utf8)).contains("s3cret"))
            #expect(!result.stdout.contains("s3cret"))
        }
    }
}
