import Foundation
import SyntheticWeb
import Testing
import TrawlCore

/// Every duration flag takes 500ms, 2s, 1m, 1h; a bare number keeps the
/// flag's old unit (--delay milliseconds, --timeout and --max-time seconds).
/// report.json shows what each became.
@Suite(.timeLimit(.minutes(3)))
struct DurationFlagsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var flags: [String]
        var delayMs: Double
        var timeoutSeconds: Double
        var connectTimeout: String
        var maxTimeSeconds: Double
        var testDescription: String { flags.joined(separator: " ") }
    }

    @Test(arguments: [
        Case(flags: ["--delay", "20", "--timeout", "45", "--max-time", "90"],
             delayMs: 20, timeoutSeconds: 45, connectTimeout: "10000ms", maxTimeSeconds: 90),
        Case(flags: ["--delay", "20ms", "-T", "2m", "--connect-timeout", "5s", "--max-time", "1h"],
             delayMs: 20, timeoutSeconds: 120, connectTimeout: "5000ms", maxTimeSeconds: 3600),
        Case(flags: ["-w", "0.02s", "--timeout", "1500ms", "--connect-timeout", "2", "--max-time", "1.5m"],
             delayMs: 20, timeoutSeconds: 1.5, connectTimeout: "2000ms", maxTimeSeconds: 90),
    ])
    func eachDurationFormMeansWhatItSays(_ example: Case) async throws {
        let web = ServedWeb.generated(hosts: 1, pages: 3, latency: .zero)
        try await ServedWeb.crawling(web) { arguments, out in
            let result = try await TrawlProcess.run(arguments + example.flags)
            #expect(result.status == 0, "\(result.stderr)")
            let settings = try RunReport.read(from: out + "/report.json").settings
            #expect(settings.delayMs == example.delayMs)
            #expect(settings.timeoutSeconds == example.timeoutSeconds)
            #expect(settings.maxTimeSeconds == example.maxTimeSeconds)
            let words = try #require(DefaultCrawlTests.shellWords(settings.command))
            let index = try #require(words.firstIndex(of: "--connect-timeout"))
            #expect(words[index + 1] == example.connectTimeout)
        }
    }
}
