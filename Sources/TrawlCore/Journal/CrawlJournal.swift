import Foundation
import TrawlStore
import TrawlURL

/// A crawl's state on disk, `OUT/state.db` (SQLite in WAL mode): the
/// settings and seeds it started with, every page it recorded, with the
/// links it followed, in the order recorded, and every host's robots.txt
/// rules. The journal is the truth: on `--resume` the frontier is rebuilt
/// by replaying it (`JournalReplay`), and the exports are rewritten from
/// it, so they agree whatever instant the crash came at.
///
/// Writes go in group commits: pages are staged, then one transaction
/// holds them all, and only then do they reach the exports
/// (`InProcessCrawl`). A page therefore has its line in pages.jsonl only
/// once it is in the journal, and a crash loses only pages not yet
/// committed, which the resumed crawl fetches again.
///
/// Owned by the crawl's one driver task; not Sendable.
final class CrawlJournal {
    static let fileName = "state.db"
    /// `PRAGMA user_version` of the schema below; another value is another
    /// trawl's state, refused by name.
    static let schemaVersion: Int32 = 1

    let path: String
    private let database: Database
    private let insertPage: Statement
    private let insertRobots: Statement
    private let setMeta: Statement
    private var nextSequence: Int64
    /// Recorded pages staged and not yet committed.
    private(set) var staged: [PageOutcome] = []
    private var stagedRobots: [(hostKey: String, rules: RobotsRules, unavailable: String?)] = []

    private init(path: String, database: Database) throws(StoreError) {
        self.path = path
        self.database = database
        // `JournalCheckpointer` checkpoints off the crawl's loop.
        try database.execute("PRAGMA wal_autocheckpoint=0")
        insertPage = try database.prepare("INSERT INTO pages(seq, page, follow) VALUES (?, ?, ?)")
        insertRobots = try database.prepare("INSERT OR REPLACE INTO robots(host_key, rules, unavailable) VALUES (?, ?, ?)")
        setMeta = try database.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
        let last = try database.prepare("SELECT COALESCE(MAX(seq), 0) FROM pages")
        _ = try last.step()
        nextSequence = last.int64(column: 0) + 1
    }

    /// Creates the journal of a new crawl in `folder`, recording what it was
    /// started with.
    static func create(in folder: String, settings: JournalSettings) throws(TrawlError) -> CrawlJournal {
        let path = folder + "/" + fileName
        do {
            let database = try Database.open(path: path)
            try database.transaction {
                for statement in JournalSchema.statements { try database.execute(statement) }
                try database.setUserVersion(schemaVersion)
            }
            let journal = try CrawlJournal(path: path, database: database)
            try journal.writeMeta("settings", try JSONEncoder.sorted.encode(settings))
            return journal
        } catch {
            // The folder is claimed and held no state file (the claim
            // refuses or removes one): what is here, this call made.
            for name in OutputFolder.stateNames { unlink(folder + "/" + name) }
            throw JournalError.wrap(error, path: path)
        }
    }

    /// Opens the journal of an earlier crawl in `folder` and reads what it
    /// was started with.
    static func open(in folder: String) throws(TrawlError) -> (CrawlJournal, JournalSettings) {
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrawlError(.badState, "'\(folder)' has no \(fileName): it holds no resumable trawl crawl (was it run with --no-state, or in --mode processes?)")
        }
        do {
            let database = try Database.open(path: path)
            let version = try database.userVersion()
            guard version == schemaVersion else {
                throw TrawlError(.badState, "'\(path)' is the state of another trawl version (schema \(version), this trawl reads \(schemaVersion)); resume it with that version, or start the crawl again")
            }
            let problems = try database.integrityCheck()
            guard problems.isEmpty else {
                throw TrawlError(.badState, "'\(path)' is corrupt (\(problems.prefix(3).joined(separator: "; "))); start the crawl again in a new folder")
            }
            let journal = try CrawlJournal(path: path, database: database)
            guard let data = try journal.readMeta("settings") else {
                throw TrawlError(.badState, "'\(path)' lacks the crawl's settings: it was never fully created; start the crawl again")
            }
            let settings = try JSONDecoder().decode(JournalSettings.self, from: Data(data))
            return (journal, settings)
        } catch let error as TrawlError {
            throw error
        } catch {
            throw JournalError.wrap(error, path: path)
        }
    }

    // MARK: - Writing

    /// Stages a recorded page and the links it follows (found at its
    /// depth + 1) for the next commit.
    func stage(_ outcome: PageOutcome) {
        staged.append(outcome)
    }

    /// Stages a host's robots.txt rules.
    func stageRobots(hostKey: String, rules: RobotsRules, unavailable: String?) {
        stagedRobots.append((hostKey, rules, unavailable))
    }

    var hasStaged: Bool { !staged.isEmpty || !stagedRobots.isEmpty }

    /// Writes everything staged in one transaction, with `counters` (the
    /// sitting's figures); returns the pages now safe to export.
    func commit(counters: SittingCounters) throws(TrawlError) -> [PageOutcome] {
        let pages = staged
        do {
            try database.transaction {
                for outcome in pages {
                    try insertPage.bind(nextSequence, at: 1)
                    try insertPage.bind(try FrameCodec.encode(.page(PageMessage(outcome))), at: 2)
                    try insertPage.bind(FollowList.encode(outcome.follow, edgeTargets: outcome.edgeTargets), at: 3)
                    _ = try insertPage.step()
                    insertPage.reset()
                    nextSequence += 1
                }
                for robots in stagedRobots {
                    try insertRobots.bind(robots.hostKey, at: 1)
                    try insertRobots.bind(robots.rules.journalBytes, at: 2)
                    if let unavailable = robots.unavailable { try insertRobots.bind(unavailable, at: 3) } else { try insertRobots.bindNull(at: 3) }
                    _ = try insertRobots.step()
                    insertRobots.reset()
                }
                try writeMeta("sitting", try JSONEncoder.sorted.encode(counters))
            }
        } catch {
            insertPage.reset()
            insertRobots.reset()
            throw JournalError.wrap(error, path: path)
        }
        staged = []
        stagedRobots = []
        return pages
    }

    /// Ends a sitting: its figures join the crawl's earlier ones.
    func closeSitting(_ counters: SittingCounters) throws(TrawlError) {
        do {
            var history = try readSittings()
            history.append(counters)
            try writeHistory(history)
        } catch {
            throw JournalError.wrap(error, path: path)
        }
    }

    /// Starts a sitting, recorded at once so that even one killed before
    /// its first commit counts: a sitting a crash cut short joins the
    /// history as its last commit left it. Returns the earlier sittings.
    func beginSitting(_ sitting: SittingCounters) throws(TrawlError) -> [SittingCounters] {
        do {
            let history = try readSittings()
            try writeHistory(history, open: sitting)
            return history
        } catch {
            throw JournalError.wrap(error, path: path)
        }
    }

    private func writeHistory(_ history: [SittingCounters], open: SittingCounters? = nil) throws {
        try database.transaction {
            try writeMeta("sittings", try JSONEncoder.sorted.encode(history))
            try writeMeta("sitting", try JSONEncoder.sorted.encode(open))
        }
    }

    // MARK: - Reading

    /// Earlier sittings' figures, and the one a crash cut short (its last
    /// commit's), oldest first.
    func readSittings() throws -> [SittingCounters] {
        var history = try readMeta("sittings").map { try JSONDecoder().decode([SittingCounters].self, from: Data($0)) } ?? []
        if let open = try readMeta("sitting"), let cut = try JSONDecoder().decode(SittingCounters?.self, from: Data(open)) {
            var crashed = cut
            crashed.crashed = true
            history.append(crashed)
        }
        return history
    }

    /// Calls `body` with each recorded page and the URLs of the links it
    /// followed, in the order recorded.
    func forEachPage(_ body: (PageMessage, [String]) throws -> Void) throws {
        let select = try database.prepare("SELECT page, follow FROM pages ORDER BY seq")
        while try select.step() {
            guard case .page(let page) = try Self.decode(select.blob(column: 0) ?? []) else {
                throw TrawlError(.badState, "'\(path)' holds a page entry of the wrong kind: it is corrupt")
            }
            try body(page, try FollowList.decode(select.blob(column: 1) ?? [], edgeTargets: page.edgeTargets))
        }
    }

    /// Calls `body` with each host's robots.txt rules.
    func forEachRobots(_ body: (String, RobotsRules, String?) throws -> Void) throws {
        let select = try database.prepare("SELECT host_key, rules, unavailable FROM robots")
        while try select.step() {
            try body(select.text(column: 0) ?? "", try RobotsRules(journalBytes: select.blob(column: 1) ?? []), select.text(column: 2))
        }
    }

    private static func decode(_ frame: [UInt8]) throws -> ShardMessage {
        guard frame.count >= FrameCodec.headerLength else { throw TrawlError(.badState, "a journal entry is truncated") }
        return try frame.withUnsafeBytes { bytes in
            try FrameCodec.decodePayload(UnsafeRawBufferPointer(rebasing: bytes[FrameCodec.headerLength...]))
        }
    }

    private func writeMeta(_ key: String, _ value: some Collection<UInt8>) throws(StoreError) {
        try setMeta.bind(key, at: 1)
        try setMeta.bind(Array(value), at: 2)
        _ = try setMeta.step()
        setMeta.reset()
    }

    private func readMeta(_ key: String) throws -> [UInt8]? {
        let select = try database.prepare("SELECT value FROM meta WHERE key = ?")
        try select.bind(key, at: 1)
        return try select.step() ? select.blob(column: 0) : nil
    }
}

/// What a crawl was started with, kept so `--resume` continues the same
/// crawl.
struct JournalSettings: Codable, Equatable {
    var options: CrawlOptions
    var seeds: [String]
}

/// One sitting's figures, for the whole-crawl report of a resumed crawl.
struct SittingCounters: Codable, Equatable {
    var startedAt: String
    var elapsedMilliseconds: Int64
    /// Pages recorded in this sitting.
    var pages: Int
    /// Transfers in flight at its last commit: what a crash there makes
    /// the next sitting fetch again.
    var inFlight: Int
    var crashed = false
}

enum JournalSchema {
    static let statements = [
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value BLOB NOT NULL)",
        // page: a FrameCodec `page` frame; follow: a `FollowList`.
        "CREATE TABLE IF NOT EXISTS pages(seq INTEGER PRIMARY KEY, page BLOB NOT NULL, follow BLOB NOT NULL)",
        "CREATE TABLE IF NOT EXISTS robots(host_key TEXT PRIMARY KEY, rules BLOB NOT NULL, unavailable TEXT)",
    ]
}

enum JournalError {
    /// A store failure as the crawl reports it: a full disk is a failed
    /// write (exit 74), a file in use another crawl's lock, anything else
    /// bad state; every message names the file.
    static func wrap(_ error: any Error, path: String) -> TrawlError {
        if let error = error as? TrawlError { return error }
        guard let store = error as? StoreError else { return TrawlError(.badState, "'\(path)': \(error)") }
        switch store.code {
        case .diskFull, .io: return TrawlError(.writeFailed, store.description)
        case .busy: return TrawlError(.outputUnwritable, store.description)
        default: return TrawlError(.badState, store.description)
        }
    }
}
