import Testing
import TrawlFetch
@testable import TrawlCore

/// What a resumed sitting may change of the crawl it continues.
struct CrawlResumeTests {
    private var recorded: CrawlOptions {
        var options = CrawlOptions()
        options.limits.maxDepth = 3
        options.limits.maxPages = 100
        options.concurrency = 16
        return options
    }

    @Test func whatShapesTheResultStaysAsRecorded() throws {
        var given = CrawlOptions()
        given.scopeRule = .any
        #expect(throws: TrawlError.self) { try CrawlResume.merge(recorded: recorded, given: given) }
        given = CrawlOptions()
        given.limits.maxDepth = 5
        do {
            _ = try CrawlResume.merge(recorded: recorded, given: given)
            Issue.record("a different --max-depth was taken")
        } catch {
            #expect(error.code == .badState)
            #expect(error.message.hasPrefix("--max-depth differs from the crawl being resumed"))
        }
    }

    @Test func flagsLeftAtTheirDefaultsKeepTheRecordedValues() throws {
        let sitting = try CrawlResume.merge(recorded: recorded, given: CrawlOptions())
        #expect(sitting.limits.maxDepth == 3)
        #expect(sitting.limits.maxPages == 100)
        #expect(sitting.concurrency == 16)
    }

    @Test func howFastHowLongAndHowRequestsTravelMayChange() throws {
        var given = CrawlOptions()
        given.limits.maxPages = 500
        // Not 64, the default: a flag given at its default value cannot be
        // told from one not given, and keeps the recorded value.
        given.concurrency = 128
        given.mode = .pool
        given.fetch.proxy = "http://127.0.0.1:3128"
        given.fetch.connectTo = ["::127.0.0.1:8080"]
        given.outputDirectory = "out"
        let sitting = try CrawlResume.merge(recorded: recorded, given: given)
        #expect(sitting.limits.maxPages == 500)
        #expect(sitting.concurrency == 128)
        #expect(sitting.mode == .pool)
        #expect(sitting.fetch.proxy == "http://127.0.0.1:3128")
        #expect(sitting.fetch.connectTo == ["::127.0.0.1:8080"])
        #expect(sitting.outputDirectory == "out")
        #expect(sitting.limits.maxDepth == 3)
    }

    /// Each worker rebuilds its shard from the journal, so a crawl begun
    /// in one process may go on in several, and with more workers.
    @Test func aCrawlMayGoOnInProcessesWithAnyNumberOfWorkers() throws {
        var given = CrawlOptions()
        given.mode = .processes
        given.workers = 5
        let sitting = try CrawlResume.merge(recorded: recorded, given: given)
        #expect(sitting.mode == .processes)
        #expect(sitting.workers == 5)
        #expect(sitting.limits.maxDepth == 3)
    }
}
