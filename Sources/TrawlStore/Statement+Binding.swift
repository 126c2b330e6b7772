internal import CSQLite

/// Binding values to parameters, numbered from 1 as in SQL's `?1`. Text
/// and blobs are copied by SQLite before the call returns. A parameter
/// out of range throws `.sql`.
extension Statement {
    public func bind(_ value: Int64, at parameter: Int) throws(StoreError) {
        try check(sqlite3_bind_int64(try live(), index(parameter), value))
    }

    public func bind(_ value: Int, at parameter: Int) throws(StoreError) {
        try bind(Int64(value), at: parameter)
    }

    public func bind(_ value: Double, at parameter: Int) throws(StoreError) {
        try check(sqlite3_bind_double(try live(), index(parameter), value))
    }

    /// Binds the string's UTF-8 bytes, embedded NULs included; the empty
    /// string binds as empty text, not NULL.
    public func bind(_ value: String, at parameter: Int) throws(StoreError) {
        let statement = try live()
        var value = value
        let result = value.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { text in
                csqlite_bind_text_transient(statement, index(parameter), text.baseAddress, sqlite3_uint64(text.count))
            }
        }
        try check(result)
    }

    /// Binds the bytes as a blob; an empty array binds an empty blob, not
    /// NULL.
    public func bind(_ value: [UInt8], at parameter: Int) throws(StoreError) {
        let statement = try live()
        let result = value.withUnsafeBytes { bytes in
            csqlite_bind_blob_transient(statement, index(parameter), bytes.baseAddress, sqlite3_uint64(bytes.count))
        }
        try check(result)
    }

    public func bindNull(at parameter: Int) throws(StoreError) {
        try check(sqlite3_bind_null(try live(), index(parameter)))
    }

    // MARK: - Internal

    /// The statement handle, if its database is still open.
    private func live() throws(StoreError) -> OpaquePointer {
        guard database.isOpen else { throw .closed(database.path) }
        return handle
    }

    /// An index beyond Int32 is clamped, and SQLite reports it out of range.
    private func index(_ parameter: Int) -> Int32 {
        Int32(clamping: parameter)
    }

    private func check(_ result: Int32) throws(StoreError) {
        try database.check(result)
    }
}
