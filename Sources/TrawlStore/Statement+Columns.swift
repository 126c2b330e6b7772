internal import CSQLite

/// Reading the current row, after `step()` returned true. Columns are
/// numbered from 0, left to right. SQLite converts between types as SQL
/// does (text "12" reads as 12); a column out of range reads as NULL.
extension Statement {
    /// The column as an integer; NULL reads as 0.
    public func int64(column: Int) -> Int64 {
        sqlite3_column_int64(handle, index(column))
    }

    /// The column as an integer; NULL reads as 0.
    public func int(column: Int) -> Int {
        Int(int64(column: column))
    }

    /// The column as a floating-point number; NULL reads as 0.
    public func double(column: Int) -> Double {
        sqlite3_column_double(handle, index(column))
    }

    /// The column as text, nil for NULL. Bytes that are not UTF-8 are
    /// replaced by U+FFFD; embedded NULs are kept.
    public func text(column: Int) -> String? {
        let column = index(column)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        // Pointer first, then length: asking for the length first may
        // convert the value twice.
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// The column's bytes, nil for NULL; an empty blob reads as [] (SQLite
    /// returns no pointer for it).
    public func blob(column: Int) -> [UInt8]? {
        let column = index(column)
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        guard let bytes = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    public func isNull(column: Int) -> Bool {
        sqlite3_column_type(handle, index(column)) == SQLITE_NULL
    }

    private func index(_ column: Int) -> Int32 {
        Int32(clamping: column)
    }
}
