/// The journal of one sitting of a crawl, and what earlier sittings did.
struct CrawlState {
    let journal: CrawlJournal
    let sitting: SittingCounters
    let earlier: [SittingCounters]
    /// nil when its thread could not start: the log then grows until the
    /// sitting ends (closing the journal checkpoints it).
    var checkpointer: JournalCheckpointer?

    var earlierElapsed: Duration { .milliseconds(earlier.reduce(0) { $0 + $1.elapsedMilliseconds }) }

    /// The crawl's journal in its (claimed) output folder: created for a
    /// new crawl, opened to resume one; nil with `--no-state`.
    static func open(options: CrawlOptions, seeds: SeedList, resume: Bool) throws(TrawlError) -> CrawlState? {
        guard options.keepsState else { return nil }
        let folder = options.outputDirectory
        let sitting = SittingCounters(startedAt: Timestamp.iso8601UTC(Timestamp.nowSeconds()), elapsedMilliseconds: 0,
                                      pages: 0, inFlight: 0)
        guard resume else {
            let settings = JournalSettings(options: options.recordable, seeds: seeds.urls.map(\.href))
            let journal = try CrawlJournal.create(in: folder, settings: settings)
            return CrawlState(journal: journal, sitting: sitting, earlier: try journal.beginSitting(sitting),
                              checkpointer: try? JournalCheckpointer(path: journal.path))
        }
        let (journal, _) = try CrawlJournal.open(in: folder)
        return CrawlState(journal: journal, sitting: sitting, earlier: try journal.beginSitting(sitting),
                          checkpointer: try? JournalCheckpointer(path: journal.path))
    }

    /// This sitting's figures as it ends.
    func closing(elapsed: Duration, pages: Int) -> SittingCounters {
        var closed = sitting
        closed.elapsedMilliseconds = Int64(elapsed.milliseconds)
        closed.pages = pages - earlier.reduce(0) { $0 + $1.pages }
        closed.inFlight = 0
        return closed
    }
}

extension CrawlOptions {
    /// The settings a journal records: where the crawl writes and how it
    /// logs are the sitting's, not the crawl's.
    var recordable: CrawlOptions {
        var options = self
        options.outputDirectory = ""
        options.overwriteOutput = false
        options.log = LogSettings()
        options.workerExecutable = nil
        return options
    }
}
