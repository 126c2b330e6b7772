extension Database {
    /// The file's `PRAGMA user_version`, 0 in a new file: the version of
    /// the schema the file holds, for the caller to migrate or refuse.
    public func userVersion() throws(StoreError) -> Int32 {
        let statement = try prepare("PRAGMA user_version")
        guard try statement.step() else { return 0 }
        return Int32(truncatingIfNeeded: statement.int64(column: 0))
    }

    /// Sets `PRAGMA user_version`; inside a transaction, it commits or
    /// rolls back with it.
    public func setUserVersion(_ version: Int32) throws(StoreError) {
        // PRAGMA takes no parameters; an Int32 is safe to interpolate.
        try execute("PRAGMA user_version=\(version)")
    }

    /// The journal mode in force, as `PRAGMA journal_mode` reports it
    /// ("wal" for every database `open` returns).
    public func journalMode() throws(StoreError) -> String {
        let statement = try prepare("PRAGMA journal_mode")
        return try statement.step() ? statement.text(column: 0) ?? "" : ""
    }

    /// The problems `PRAGMA quick_check` finds in the file's structure,
    /// one line each; empty when the file is sound. Reads every page, so
    /// it takes time in proportion to the file's size. Damage bad enough
    /// to stop the check throws `.corrupt` (or `.notADatabase`) instead.
    public func integrityCheck() throws(StoreError) -> [String] {
        let statement = try prepare("PRAGMA quick_check")
        var lines: [String] = []
        while try statement.step() {
            lines.append(statement.text(column: 0) ?? "")
        }
        return lines == ["ok"] ? [] : lines
    }

    /// Switches to write-ahead logging, which persists in the file: a crash
    /// mid-transaction leaves the committed state readable, and readers
    /// never block the one writer.
    func enableWriteAheadLog() throws(StoreError) {
        let statement = try prepare("PRAGMA journal_mode=WAL")
        let mode = try statement.step() ? statement.text(column: 0) ?? "" : ""
        guard mode.lowercased() == "wal" else {
            throw StoreError(code: .other, path: path,
                message: "'\(path)' cannot use write-ahead logging (its journal mode stayed '\(mode)')")
        }
    }
}
