import Foundation
import Testing

/// `trawl crawl SEEDS` with a seeds file that is missing, unreadable, not
/// text, empty or full of bad lines: one clear message naming the file (and
/// the line), the documented exit status (66 cannot read it or no seed in
/// it, 65 not text or a bad line under --strict), and no output folder.
@Suite(.timeLimit(.minutes(2)))
struct SeedsFileTests {
    /// Runs `trawl crawl seeds` with a fresh --out; the crawl is expected to
    /// be refused before it starts.
    static func refused(_ seeds: String, _ extra: [String] = []) async throws -> TrawlProcess.Output {
        let out = TrawlProcess.temporaryDirectory("refused")
        let result = try await TrawlProcess.run(["crawl", seeds, "--out", out] + extra)
        #expect(!FileManager.default.fileExists(atPath: out), "a refused crawl created its output folder")
        #expect(result.stdout.isEmpty)
        return result
    }

    @Test func aMissingSeedsFileIsNamed() async throws {
        let result = try await Self.refused("/nonexistent/seeds.txt")
        #expect(result.status == 66)
        #expect(result.stderr == "trawl: error: cannot read seeds file '/nonexistent/seeds.txt': No such file or directory\n")
    }

    /// Unreadable for root too, who can read any mode-000 file.
    @Test func aDirectoryAsSeedsFileIsNamed() async throws {
        let directory = TrawlProcess.temporaryDirectory("seeds-dir")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let result = try await Self.refused(directory)
        #expect(result.status == 66)
        #expect(result.stderr == "trawl: error: cannot read seeds file '\(directory)': Is a directory\n")
    }

    @Test(.enabled(if: geteuid() != 0, "root reads a mode-000 file; aDirectoryAsSeedsFileIsNamed covers unreadable"))
    func aSeedsFileWithoutReadPermissionIsNamed() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://h0.trawl.test/\n")
        try #require(chmod(seeds, 0) == 0)
        let result = try await Self.refused(seeds)
        #expect(result.status == 66)
        #expect(result.stderr == "trawl: error: cannot read seeds file '\(seeds)': Permission denied\n")
    }

    @Test func aBinarySeedsFileIsRefusedAsData() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.bin", contents: "")
        try Data("http://h0.trawl.test/\n\u{7F}ELF\u{0}\u{0}\n".utf8).write(to: URL(fileURLWithPath: seeds))
        let result = try await Self.refused(seeds)
        #expect(result.status == 65)
        #expect(result.stderr == "trawl: error: seeds file '\(seeds)' is binary (a NUL byte on line 2), expected one URL per line\n")
    }

    @Test func aSeedsFileThatIsNotUTF8IsRefusedAsData() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "")
        try Data([0x68, 0x74, 0x74, 0x70, 0x3A, 0x2F, 0x2F, 0x61, 0x2F, 0x0A, 0x68, 0xE9, 0x2F, 0x0A]).write(to: URL(fileURLWithPath: seeds))
        let result = try await Self.refused(seeds)
        #expect(result.status == 65)
        #expect(result.stderr == "trawl: error: seeds file '\(seeds)' is not UTF-8 text (line 2 is not valid UTF-8)\n")
    }

    @Test(arguments: ["", "\n\n", "# only\n  # comments\n\n"])
    func aSeedsFileWithNoURLLineHasNoValidSeed(contents: String) async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: contents)
        let result = try await Self.refused(seeds)
        #expect(result.status == 66)
        #expect(result.stderr == "trawl: error: no valid seed in '\(seeds)': it has no URL lines\n")
    }

    /// Each bad line is reported with its number and why; when none is
    /// left the crawl is refused.
    @Test func everyBadLineIsNamedWithItsNumberAndReason() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: """
            # scheme, host, IPv6 and port mistakes
            ftp://files.example/x
            http://exa mple.com/
            http://[::1/
            http://a:99999/
            mailto:
            javascript:alert(1)
            """)
        let result = try await Self.refused(seeds)
        #expect(result.status == 66)
        let prefix = "trawl: warning: \(seeds): "
        #expect(result.stderr == """
            \(prefix)line 2: unsupported scheme 'ftp' (only http and https are crawled): ftp://files.example/x (skipped)
            \(prefix)line 3: invalid host 'exa mple.com': a space is not allowed in a host name: http://exa mple.com/ (skipped)
            \(prefix)line 4: unclosed IPv6 address '[::1' (no ']'): http://[::1/ (skipped)
            \(prefix)line 5: invalid port 99999: ports go up to 65535: http://a:99999/ (skipped)
            \(prefix)line 6: unsupported scheme 'mailto' (only http and https are crawled): mailto: (skipped)
            \(prefix)line 7: unsupported scheme 'javascript' (only http and https are crawled): javascript:alert(1) (skipped)
            trawl: error: no valid seed in '\(seeds)': all 6 URL lines are bad

            """)
    }

    @Test func strictMakesABadLineFatal() async throws {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://h0.trawl.test/\nhttp://a:99999/\n")
        let result = try await Self.refused(seeds, ["--strict"])
        #expect(result.status == 65)
        #expect(result.stderr == """
            trawl: error: \(seeds): line 2: invalid port 99999: ports go up to 65535: http://a:99999/
            trawl: error: 1 bad line(s) in seeds file '\(seeds)' and --strict is set

            """)
    }
}
