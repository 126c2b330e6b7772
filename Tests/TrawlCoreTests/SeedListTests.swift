import Foundation
import Testing
@testable import TrawlCore

struct SeedListTests {
    @Test func commentsBlankLinesAndDuplicatesAreSkipped() {
        let seeds = SeedList(text: """
            # my seeds
            http://Example.com:80/a#top

              https://example.org/  # trailing comment
            http://example.com/a
            """)
        #expect(seeds.urls.map(\.href) == ["http://example.com/a", "https://example.org/"])
        #expect(seeds.problems.isEmpty)
    }

    @Test func badLinesAreReportedWithTheirLineNumbers() {
        let seeds = SeedList(text: "http://ok.example/\nftp://files.example/x\nhttp://exa mple.com/\n\nmailto:a@b.c\nhttp://\n")
        #expect(seeds.urls.map(\.href) == ["http://ok.example/"])
        #expect(seeds.problems.map(\.line) == [2, 3, 5, 6])
        #expect(seeds.problems[0].reason.contains("unsupported scheme 'ftp'"))
    }

    @Test func bareHostsGetHTTP() {
        let seeds = SeedList(text: "example.com/x\nlocalhost:8080\nexample.com:8080/y\n[::1]:81\nEXAMPLE.org\n")
        #expect(seeds.urls.map(\.href) == [
            "http://example.com/x", "http://localhost:8080/", "http://example.com:8080/y", "http://[::1]:81/", "http://example.org/",
        ])
        #expect(seeds.problems.isEmpty)
    }

    /// The reason says which part of the line is wrong, so it can be fixed
    /// without reading the URL Standard.
    @Test(arguments: [
        ("http://exa mple.com/", "invalid host 'exa mple.com': a space is not allowed in a host name"),
        ("http://a<b/", "invalid host 'a<b': '<' is not allowed in a host name"),
        ("http://1.2.3.999/", "invalid host '1.2.3.999' (not a domain name or an IP address)"),
        ("http://[::1/", "unclosed IPv6 address '[::1' (no ']')"),
        ("http://[zz]/", "invalid IPv6 address [zz]"),
        ("http://[::1]x/", "unexpected 'x' after the IPv6 address [::1]"),
        ("http://a:99999/", "invalid port 99999: ports go up to 65535"),
        ("https://user@a:123456789012345678901234/", "invalid port 123456789012345678901234: ports go up to 65535"),
        ("http://a:8x/", "invalid port '8x': not a number"),
        ("a:99999", "invalid port 99999: ports go up to 65535"),
        ("http://", "no host"),
        ("http://user@/", "no host"),
        ("ftp://files.example/", "unsupported scheme 'ftp' (only http and https are crawled)"),
        ("mailto:", "unsupported scheme 'mailto' (only http and https are crawled)"),
        ("javascript:alert(1)", "unsupported scheme 'javascript' (only http and https are crawled)"),
    ])
    func aBadLineSaysWhichPartIsWrong(line: String, reason: String) {
        let seeds = SeedList(text: line)
        #expect(seeds.urls.isEmpty)
        #expect(seeds.problems == [SeedList.Problem(line: 1, text: line, reason: reason)])
    }

    /// Windows editors: a byte-order mark and CRLF line ends.
    @Test func aByteOrderMarkAndCRLFAreNotPartOfTheURLs() {
        let seeds = SeedList(text: "\u{FEFF}http://a.example/\r\n# c\r\nhttp://b.example/ # note\r\n")
        #expect(seeds.urls.map(\.href) == ["http://a.example/", "http://b.example/"])
        #expect(seeds.problems.isEmpty)
    }

    @Test func noValidSeedIsAnErrorNamingTheFile() {
        let seeds = SeedList(text: "# nothing\nftp://x/\n", path: "s.txt")
        #expect(throws: TrawlError.self) { try seeds.requireSeeds() }
        do {
            try seeds.requireSeeds()
        } catch let error as TrawlError {
            #expect(error.code == .noValidSeed)
            #expect(error.message == "no valid seed in 's.txt': all 1 URL lines are bad")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func missingAndBinaryFilesAreRefusedByName() throws {
        #expect(throws: TrawlError.self) { try SeedList(contentsOf: "/nonexistent/seeds.txt") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-binary-seeds-\(getpid())").path
        try Data([0x68, 0x00, 0xFF, 0x00]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try SeedList(contentsOf: path)
            Issue.record("binary file accepted")
        } catch let error as TrawlError {
            #expect(error.code == .seedsNotText)
            #expect(error.message == "seeds file '\(path)' is binary (a NUL byte on line 1), expected one URL per line")
        }
    }

    @Test func textThatIsNotUTF8IsRefusedNamingTheLine() throws {
        let latin1 = Data("http://a.example/\n\n".utf8) + Data([0x63, 0x61, 0x66, 0xE9, 0x0A])
        #expect(throws: TrawlError.self) { try SeedList.text(of: latin1, path: "s.txt") }
        do {
            _ = try SeedList.text(of: latin1, path: "s.txt")
        } catch let error as TrawlError {
            #expect(error.code == .seedsNotText)
            #expect(error.message == "seeds file 's.txt' is not UTF-8 text (line 3 is not valid UTF-8)")
        }
    }
}

struct SeedListHardeningTests {
    @Test func aSeedLongerThanTheURLLimitIsRefusedNamingItsLine() {
        let long = "http://a.test/" + String(repeating: "x", count: 100_000)
        let seeds = SeedList(text: "http://ok.test/\n\(long)\n", maxURLLength: 8192)
        #expect(seeds.urls.map(\.href) == ["http://ok.test/"])
        #expect(seeds.problems.count == 1)
        let problem = seeds.problems[0]
        #expect(problem.line == 2)
        #expect(problem.reason == "longer than --max-url-length (100014 bytes, the limit is 8192)")
        #expect(problem.text.utf8.count < 260 && problem.text.hasSuffix("… (100014 bytes)"))
    }

    @Test func controlCharactersOfABadLineAreEscaped() {
        let seeds = SeedList(text: "http://a.test:99999/\u{1B}]0;pwned\u{07}\u{1B}[2J\n")
        let text = seeds.problems[0].description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(text.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J"))
    }
}
