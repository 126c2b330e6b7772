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
        let seeds = SeedList(text: "example.com/x\nlocalhost:8080\n")
        #expect(seeds.urls.map(\.href) == ["http://example.com/x", "http://localhost:8080/"])
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
            #expect(error.message.contains(path))
            #expect(error.message.contains("binary"))
        }
    }
}
