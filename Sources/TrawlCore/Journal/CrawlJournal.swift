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
    /// trawl's state, refused by name. 2: page frames end with a (there
    /// empty) follow list.
    static let schemaVersion: Int32 = 2

    let path: String
    private let database: Database
    private let insertPage: Statement
    private let insertRobots: Statement
    private let setMeta: Statement
    private var nextSequence: Int64
    /// Recorded pages staged and not yet committed: each one's `page`
    /// frame and `FollowList`, encoded as it is staged.
    private var stagedPages: [(frame: [UInt8], follow: [UInt8])] = []
    private var stagedRobots: [RobotsNote] = []

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

    /// Where a new journal is built before it is renamed to `fileName`:
    /// not a crawl file (`OutputFolder.isCrawlFile`), so a crash that
    /// leaves one does not stop the next claim of the folder, and the next
    /// `create` replaces it.
    static let buildName = ".trawl-state.db.new"

    /// Creates the journal of a new crawl in `folder`, recording what it was
    /// started with. Atomic: the schema and the settings are built under
    /// another name and renamed into place, so a crawl killed at any
    /// instant leaves either no state.db or one that `--resume` can read.
    static func create(in folder: String, settings: JournalSettings) throws(TrawlError) -> CrawlJournal {
        let path = folder + "/" + fileName
        let build = folder + "/" + buildName
        do {
            for suffix in ["", "-wal", "-shm"] { unlink(build + suffix) }
            let draft = try Database.open(path: build)
            try draft.transaction {
                for statement in JournalSchema.statements { try draft.execute(statement) }
                let insert = try draft.prepare("INSERT INTO meta(key, value) VALUES ('settings', ?)")
                try insert.bind(Array(try JSONEncoder.sorted.encode(settings)), at: 1)
                _ = try insert.step()
                try draft.setUserVersion(schemaVersion)
            }
            // Everything into the file itself (and synced), so that the
            // rename moves a whole journal with no log beside it.
            try draft.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            draft.close()
            guard rename(build, path) == 0 else {
                throw TrawlError(.writeFailed, "cannot rename '\(build)' to '\(path)': \(String(cString: strerror(errno)))")
            }
            return try CrawlJournal(path: path, database: try Database.open(path: path))
        } catch {
            // The folder is claimed and held no state file (the claim
            // refuses or removes one): what is here, this call made.
            for name in OutputFolder.stateNames { unlink(folder + "/" + name) }
            for suffix in ["", "-wal", "-shm"] { unlink(build + suffix) }
            // The user knows the journal as state.db, whatever name it
            // was being built under.
            if var store = error as? StoreError, store.path == build {
                store.path = path
                store.message = store.message.replacingOccurrences(of: build, with: path)
                throw JournalError.wrap(store, path: path)
            }
            throw JournalError.wrap(error, path: path)
        }
    }

    /// Opens the journal of an earlier crawl in `folder` and reads what it
    /// was started with.
    static func open(in folder: String) throws(TrawlError) -> (CrawlJournal, JournalSettings) {
        let path = folder + "/" + fileName
        guard FileManager.default.fileExists(atPath: path) else {
            throw TrawlError(.badState, "'\(folder)' has no \(fileName): it holds no resumable trawl crawl (was it run with --no-state?)")
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

    /// Opens the journal a coordinator of `--mode processes` is writing,
    /// for one of its workers to replay its shard from: the coordinator
    /// checked the file when it opened it, and keeps writing while the
    /// worker reads (WAL readers see one committed snapshot).
    static func openForReplay(path: String) throws(TrawlError) -> CrawlJournal {
        do {
            return try CrawlJournal(path: path, database: try Database.open(path: path))
        } catch {
            throw JournalError.wrap(error, path: path)
        }
    }

    // MARK: - Writing

    /// Stages a recorded page and the links it follows (found at its
    /// depth + 1) for the next commit. Throws `.badFrame` for a page too
    /// big to frame (over `FrameCodec.maxFrameLength`).
    func stage(_ outcome: PageOutcome) throws(TrawlError) {
        stagedPages.append((try FrameCodec.encode(.page(PageMessage(outcome))),
                            FollowList.encode(outcome.follow, edgeTargets: outcome.edgeTargets)))
    }

    /// Stages a page a worker of `--mode processes` recorded, with the
    /// links it followed (its `follow`).
    func stage(_ page: PageMessage) throws(TrawlError) {
        var frame = page
        frame.follow = []
        stagedPages.append((try FrameCodec.encode(.page(frame)), page.follow))
    }

    /// Stages a host's robots.txt rules.
    func stageRobots(_ note: RobotsNote) {
        stagedRobots.append(note)
    }

    var stagedPageCount: Int { stagedPages.count }
    var hasStaged: Bool { !stagedPages.isEmpty || !stagedRobots.isEmpty }

    /// The sequence number of the last page committed (0 before the first):
    /// a restarted worker replays the journal through it.
    var lastSequence: Int64 { nextSequence - 1 }

    /// Writes everything staged in one transaction, with `counters` (the
    /// sitting's figures). The pages staged are then safe to export.
    func commit(counters: SittingCounters) throws(TrawlError) {
        do {
            try database.transaction {
                var sequence = nextSequence
                for (frame, follow) in stagedPages {
                    try insertPage.bind(sequence, at: 1)
                    try insertPage.bind(frame, at: 2)
                    try insertPage.bind(follow, at: 3)
                    _ = try insertPage.step()
                    insertPage.reset()
                    sequence += 1
                }
                for robots in stagedRobots {
                    try insertRobots.bind(robots.hostKey, at: 1)
                    try insertRobots.bind(robots.rules, at: 2)
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
        nextSequence += Int64(stagedPages.count)
        stagedPages = []
        stagedRobots = []
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
    /// followed, in the order recorded; with `through`, only those
    /// committed up to that sequence number.
    func forEachPage(through last: Int64 = .max, _ body: (PageMessage, [String]) throws -> Void) throws {
        let select = try database.prepare("SELECT page, follow FROM pages WHERE seq <= ? ORDER BY seq")
        try select.bind(last, at: 1)
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
