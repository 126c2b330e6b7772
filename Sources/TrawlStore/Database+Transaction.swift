internal import CSQLite

extension Database {
    /// Runs `body` in one transaction and commits it; if `body` (or the
    /// commit) throws, rolls back and rethrows, leaving the file as it was.
    ///
    /// BEGIN IMMEDIATE takes the write lock at once, so a second writer
    /// fails here with `.busy` (after the busy timeout) rather than midway
    /// through `body`. Transactions do not nest: a `transaction` inside
    /// another throws `.sql`.
    public func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            rollBackIfActive()
            throw error
        }
    }

    /// Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) make SQLite
    /// roll back by itself; a ROLLBACK after that would fail with "no
    /// transaction is active" and hide the error that matters. A failed
    /// ROLLBACK is not thrown either, for the same reason: the caller
    /// learns of the first error.
    private func rollBackIfActive() {
        guard let connection, sqlite3_get_autocommit(connection) == 0 else { return }
        sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
    }
}
