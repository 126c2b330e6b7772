internal import CSQLite

/// One compiled SQL statement, made by `Database.prepare` and reused: a
/// crawl inserts millions of rows through one INSERT, so the SQL is
/// compiled once, then each row is bound, stepped and reset.
///
///     let insert = try db.prepare("INSERT INTO urls(url, depth) VALUES (?1, ?2)")
///     for (url, depth) in found {
///         try insert.bind(url, at: 1)
///         try insert.bind(depth, at: 2)
///         _ = try insert.step()
///     }
///
/// Parameters are numbered from 1, as in SQL (`?1`); result columns from
/// 0, left to right, as in SQLite's C API.
///
/// `step()` resets the statement itself when it finishes (no more rows) or
/// fails, so it is at once ready to bind and run again, and holds no read
/// snapshot that would keep the WAL from being checkpointed. Call
/// `reset()` only to abandon rows not yet read. Bindings survive a reset.
///
/// Thread-confined like its `Database`, which it keeps alive.
public final class Statement {
    let database: Database
    /// The sqlite3_stmt *, finalized in deinit.
    let handle: OpaquePointer

    init(database: Database, sql: String) throws(StoreError) {
        let connection = try database.openConnection()
        var handle: OpaquePointer?
        var result: Int32 = SQLITE_OK
        var trailing = ""
        sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            // PERSISTENT: a hint that the statement lives long, so SQLite
            // allocates it outside its short-lived lookaside memory.
            result = sqlite3_prepare_v3(connection, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, &tail)
            if let tail { trailing = String(cString: tail) }
        }
        guard result == SQLITE_OK else {
            throw StoreError(result: result, connection: connection, path: database.path)
        }
        guard let handle else {
            throw StoreError(code: .sql, path: database.path,
                message: "SQL failed on '\(database.path)'", detail: "no SQL statement in \"\(sql)\"")
        }
        self.database = database
        self.handle = handle
        // SQLite compiles the first statement and ignores the rest; a
        // second statement that silently never runs is a bug to report.
        let rest = trailing.drop { $0.isWhitespace || $0 == ";" }
        guard rest.isEmpty else {
            throw StoreError(code: .sql, path: database.path, message: "SQL failed on '\(database.path)'",
                detail: "prepare takes one statement; \"\(rest)\" would be ignored (use execute for several)")
        }
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Runs the statement to its next row: true when a row is ready to
    /// read with the column getters, false when the statement has finished
    /// (and has been reset, ready to run again).
    public func step() throws(StoreError) -> Bool {
        guard database.isOpen else { throw .closed(database.path) }
        let result = sqlite3_step(handle)
        switch result {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            sqlite3_reset(handle)
            return false
        default:
            // The error first: the reset would replace its message.
            let error = StoreError(result: result, connection: database.connection, path: database.path)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Abandons the rows not yet read and rewinds the statement to run
    /// again; the bindings stay. Never fails: sqlite3_reset only repeats
    /// the error of the last step, which `step()` has already thrown.
    public func reset() {
        guard database.isOpen else { return }
        sqlite3_reset(handle)
    }

    /// Sets every parameter back to NULL.
    public func clearBindings() {
        guard database.isOpen else { return }
        sqlite3_clear_bindings(handle)
    }

    /// How many parameters the SQL has (the largest `?N`).
    public var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// How many columns each result row has.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }
}
