/// Why the state file could not be opened, read or written. `code` is what
/// a caller branches on; `message` says what went wrong in a user's words
/// and always names the file; `detail` is SQLite's own explanation, with its
/// extended result code in `sqliteCode` (0 when the failure was not
/// SQLite's, e.g. a symbolic link refused before SQLite saw the path).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// An open set of failure kinds: new ones may be added, so switch with a
    /// `default`.
    public struct Code: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The file is not an SQLite database at all (SQLITE_NOTADB).
        public static let notADatabase = Code(rawValue: "not-a-database")
        /// The file is an SQLite database whose contents are damaged or
        /// truncated (SQLITE_CORRUPT, or a short read).
        public static let corrupt = Code(rawValue: "corrupt")
        /// The file or its folder cannot be written (SQLITE_READONLY, or
        /// permission denied when opening or creating it).
        public static let readOnly = Code(rawValue: "read-only")
        /// No space left for the file (SQLITE_FULL, or ENOSPC under an I/O
        /// error).
        public static let diskFull = Code(rawValue: "disk-full")
        /// Another connection holds the lock needed, and kept it past the
        /// busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
        public static let busy = Code(rawValue: "busy")
        /// The file could not be opened or created for another reason (a
        /// missing folder, a folder in its place).
        public static let cannotOpen = Code(rawValue: "cannot-open")
        /// The path names a symbolic link, which is never followed.
        public static let symbolicLink = Code(rawValue: "symbolic-link")
        /// The operating system reported a read or write failure.
        public static let io = Code(rawValue: "io")
        /// A row broke a constraint (a duplicate primary key, NOT NULL).
        public static let constraint = Code(rawValue: "constraint")
        /// A string or blob larger than SQLite's limit (1 GB on Debian).
        public static let tooBig = Code(rawValue: "too-big")
        /// The SQL was wrong or the API misused (a missing table, a bind
        /// index out of range, a nested transaction): a program error, or a
        /// file that is some other program's SQLite database.
        public static let sql = Code(rawValue: "sql")
        /// The database was used after `close()`.
        public static let closed = Code(rawValue: "closed")
        /// Anything else; `detail` and `sqliteCode` say what.
        public static let other = Code(rawValue: "other")
    }

    public var code: Code
    /// The database file, as the caller named it.
    public var path: String
    /// What went wrong, naming `path`, e.g. "disk full while writing
    /// 'OUT/state.db'".
    public var message: String
    /// SQLite's extended result code (e.g. 1550, SQLITE_CANTOPEN_SYMLINK);
    /// 0 when SQLite was not involved.
    public var sqliteCode: Int
    /// SQLite's (or the system's) own words for the failure.
    public var detail: String

    public init(code: Code, path: String, message: String, sqliteCode: Int = 0, detail: String = "") {
        self.code = code
        self.path = path
        self.message = message
        self.sqliteCode = sqliteCode
        self.detail = detail
    }

    public var description: String {
        switch (sqliteCode, detail.isEmpty) {
        case (0, true): message
        case (0, false): "\(message) (\(detail))"
        default: "\(message) (SQLite extended result code \(sqliteCode): \(detail))"
        }
    }
}
