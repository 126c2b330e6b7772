internal import CSQLite

/// One connection to an SQLite database file: the durable journal of a
/// crawl's state (`OUT/state.db`).
///
/// `open(path:)` creates the file if missing, refuses a symbolic link at the
/// path, and sets the connection up for a journal written in group commits:
/// write-ahead logging, `synchronous=NORMAL`, a busy timeout, foreign keys
/// off. Statements are prepared once and reused (`prepare`), several are
/// grouped in one transaction (`transaction { }`).
///
/// Thread-confined, deliberately not Sendable: one owner uses it (SQLite is
/// opened with SQLITE_OPEN_NOMUTEX, so it takes no lock per call).
///
/// **Lifetime.** Each `Statement` keeps its `Database` alive, so deinit
/// closes the connection only after the last statement is finalized.
/// `close()` may come sooner: sqlite3_close_v2 then leaves a "zombie"
/// connection that SQLite frees with the last statement, and every call on
/// a statement of a closed database throws `.closed` instead of reaching it.
public final class Database {
    /// The file, as the caller named it: every error names it this way.
    public let path: String
    /// The sqlite3 *; nil once closed.
    private(set) var connection: OpaquePointer?

    private init(path: String, connection: OpaquePointer) {
        self.path = path
        self.connection = connection
    }

    deinit {
        sqlite3_close_v2(connection)
    }

    /// Opens `path`, creating it if missing. `busyTimeout` is how long a
    /// call waits for a lock another connection holds before failing with
    /// `.busy`.
    ///
    /// Errors name `path`: `.symbolicLink` for a link at the path,
    /// `.notADatabase` for a file that is not SQLite's, `.readOnly`,
    /// `.busy`, `.cannotOpen`. A truncated database may open and fail
    /// later, or in `integrityCheck()`.
    public static func open(path: String, busyTimeout: Duration = .seconds(5)) throws(StoreError) -> Database {
        let resolved = try StorePath.resolve(path)
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW
            | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX
        var connection: OpaquePointer?
        let result = sqlite3_open_v2(resolved, &connection, flags, nil)
        guard result == SQLITE_OK, let connection else {
            // SQLite returns a connection even on failure, to read the
            // message from; it must still be closed.
            var error = StoreError(result: result, connection: connection, path: path)
            sqlite3_close_v2(connection)
            // When open(O_RDWR|O_CREAT) fails, SQLite retries read-only and
            // reports that retry's errno: ENOENT for a file it could not
            // create. The folder says why.
            if error.code == .cannotOpen, let denied = StorePath.writeDenied(resolved) {
                error.code = .readOnly
                error.message = StoreError.cannotWriteMessage(path, denied)
            }
            throw error
        }
        // From here on, deinit closes the connection if a step below throws.
        let database = Database(path: path, connection: connection)
        try database.configure(busyTimeout: busyTimeout)
        return database
    }

    /// Closes the connection. In WAL mode the last connection to close
    /// checkpoints the log into the file and removes `-wal` and `-shm`; a
    /// failure there loses nothing (the next open replays the log), so
    /// there is nothing to throw. Closing twice is harmless.
    public func close() {
        sqlite3_close_v2(connection)
        connection = nil
    }

    public var isOpen: Bool { connection != nil }

    /// Runs one or more `;`-separated SQL statements that take no
    /// parameters and return no rows worth reading (schema, pragmas).
    public func execute(_ sql: String) throws(StoreError) {
        try check(sqlite3_exec(try openConnection(), sql, nil, nil, nil))
    }

    /// Compiles one SQL statement, to be bound, stepped and reset as many
    /// times as needed. Text after the first statement is refused rather
    /// than silently ignored, as SQLite would.
    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Rows inserted, updated or deleted by the last INSERT, UPDATE or
    /// DELETE: after `INSERT OR IGNORE`, 1 if the row was new and 0 if it
    /// was already there.
    public var changes: Int {
        connection.map { Int(sqlite3_changes64($0)) } ?? 0
    }

    // MARK: - Internal

    func openConnection() throws(StoreError) -> OpaquePointer {
        guard let connection else { throw .closed(path) }
        return connection
    }

    /// Throws the connection's error for `result` unless it is SQLITE_OK.
    func check(_ result: Int32) throws(StoreError) {
        guard result == SQLITE_OK else {
            throw StoreError(result: result, connection: connection, path: path)
        }
    }

    private func configure(busyTimeout: Duration) throws(StoreError) {
        let connection = try openConnection()
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        try check(sqlite3_busy_timeout(connection, Int32(clamping: max(0, milliseconds))))
        // SQLite opens a write-protected file read-only without a word;
        // trawl would only learn at its first write, deep in a crawl.
        if sqlite3_db_readonly(connection, "main") == 1 {
            throw StoreError(code: .readOnly, path: path,
                message: "'\(path)' is read-only: trawl cannot write its state there")
        }
        // The first statement to read the file: a file that is not SQLite's
        // fails here, with SQLITE_NOTADB.
        try enableWriteAheadLog()
        // In WAL mode, NORMAL syncs the log only at checkpoints, not at
        // every commit. A process crash (kill -9) loses nothing committed:
        // the log is in the OS's page cache and the next open replays it.
        // A power loss or kernel crash may lose the last transactions
        // before the latest sync, but never corrupts the file: the log's
        // checksums stop replay at the first incomplete frame. For a crawl
        // journal written every N pages that trade is right: losing the
        // last group means refetching a few pages, while FULL would fsync
        // at every group commit.
        try execute("PRAGMA synchronous=NORMAL")
        // The journal's tables are written in an order the crawl chooses;
        // no foreign keys to check (off is also SQLite's default, stated
        // so a build with another default cannot surprise us).
        try execute("PRAGMA foreign_keys=OFF")
    }
}
