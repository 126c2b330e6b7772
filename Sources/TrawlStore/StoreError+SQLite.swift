internal import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension StoreError {
    /// The error a failed SQLite call returned, in a user's words. Made
    /// straight after the call, before anything else on `connection` can
    /// replace its message; `result` is an extended result code (every
    /// connection here asks for them).
    init(result: Int32, connection: OpaquePointer?, path: String) {
        let detail = connection.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(result))
        // The errno of the last failed system call: only the open and I/O
        // codes are about one, and only then is it fresh.
        let systemErrno = connection.map { sqlite3_system_errno($0) } ?? 0
        let because = systemErrno == 0 ? "" : ": \(String(cString: strerror(systemErrno)))"
        let (code, message): (Code, String) = switch result & 0xff {
        case SQLITE_NOTADB:
            (.notADatabase, "'\(path)' is not a trawl state file (or it is corrupt)")
        case SQLITE_CORRUPT:
            (.corrupt, "'\(path)' is corrupt (damaged or truncated)")
        case SQLITE_IOERR where result == Self.shortRead:
            // Fewer bytes than the file's own header promises: truncated.
            (.corrupt, "'\(path)' is corrupt (damaged or truncated)")
        case SQLITE_FULL:
            (.diskFull, "disk full while writing '\(path)'")
        case SQLITE_IOERR where systemErrno == ENOSPC || systemErrno == EDQUOT:
            (.diskFull, "disk full while writing '\(path)'")
        case SQLITE_IOERR:
            (.io, "I/O error on '\(path)'\(because)")
        case SQLITE_READONLY:
            (.readOnly, "'\(path)' is read-only: trawl cannot write its state there")
        case SQLITE_CANTOPEN where result == Self.cantOpenSymlink:
            (.symbolicLink, Self.symbolicLinkMessage(path))
        case SQLITE_CANTOPEN where [EACCES, EPERM, EROFS].contains(systemErrno):
            // Creating the file in a read-only folder, or on a read-only disk.
            (.readOnly, Self.cannotWriteMessage(path, systemErrno))
        case SQLITE_CANTOPEN:
            (.cannotOpen, "cannot open '\(path)'\(because)")
        case SQLITE_BUSY, SQLITE_LOCKED:
            (.busy, "another process is using '\(path)'")
        case SQLITE_CONSTRAINT:
            (.constraint, "a row broke a constraint of '\(path)'")
        case SQLITE_TOOBIG:
            (.tooBig, "a value too large to store in '\(path)'")
        case SQLITE_ERROR, SQLITE_MISUSE, SQLITE_RANGE:
            (.sql, "SQL failed on '\(path)'")
        case SQLITE_NOMEM:
            (.other, "out of memory working on '\(path)'")
        default:
            (.other, "SQLite failed on '\(path)'")
        }
        self.init(code: code, path: path, message: message, sqliteCode: Int(result), detail: detail)
    }

    /// The database was used after `Database.close()`.
    static func closed(_ path: String) -> StoreError {
        StoreError(code: .closed, path: path, message: "'\(path)' was used after it was closed")
    }

    /// The file or its folder refuses writes: `reason` is EACCES, EPERM
    /// or EROFS.
    static func cannotWriteMessage(_ path: String, _ reason: Int32) -> String {
        "cannot write '\(path)': \(String(cString: strerror(reason)))"
    }

    static func symbolicLinkMessage(_ path: String) -> String {
        "'\(path)' is a symbolic link: trawl does not follow links to its state file"
    }

    // Extended codes are macros of the form (PRIMARY | (n<<8)), which Swift
    // does not import.
    private static let shortRead = SQLITE_IOERR | (2 << 8)
    private static let cantOpenSymlink = SQLITE_CANTOPEN | (6 << 8)
}
