#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where SQLite is told to open a state file: the caller's folder resolved
/// to an absolute path without symbolic links, and the file's own name as
/// given.
///
/// A link at the file itself is refused, like O_NOFOLLOW: lstat(2) here
/// says so in words, and SQLITE_OPEN_NOFOLLOW closes the window between
/// that check and the open. But SQLite's flag refuses a link in *any*
/// component of the path, which would refuse an output folder a user
/// reaches through a link (`OUT -> /mnt/big/out`, macOS's /tmp); resolving
/// the folder first keeps the refusal to the last component. An absolute
/// result also keeps a name such as `file:x` from being read as an SQLite
/// URI (Debian builds SQLite with SQLITE_USE_URI).
enum StorePath {
    static func resolve(_ path: String) throws(StoreError) -> String {
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                throw StoreError(code: .symbolicLink, path: path, message: StoreError.symbolicLinkMessage(path))
            case S_IFDIR:
                throw StoreError(code: .cannotOpen, path: path, message: "cannot open '\(path)': it is a folder, not a file")
            default:
                break
            }
        } else if errno != ENOENT {
            throw cannotOpen(path, errno)
        }
        let (folder, name) = split(path)
        guard !name.isEmpty else {
            throw StoreError(code: .cannotOpen, path: path, message: "cannot open '\(path)': the path names a folder, not a file")
        }
        guard let resolved = realpath(folder, nil) else {
            throw cannotOpen(path, errno)
        }
        defer { free(resolved) }
        let absolute = String(cString: resolved)
        return absolute == "/" ? "/\(name)" : "\(absolute)/\(name)"
    }

    /// Why the folder of `resolved` (a path from `resolve`) refuses a new
    /// file, if it does: EACCES or EPERM (its permissions), EROFS (a
    /// read-only disk, which stops root too); nil when it would take one.
    static func writeDenied(_ resolved: String) -> Int32? {
        guard access(split(resolved).folder, W_OK) != 0 else { return nil }
        let reason = errno
        return [EACCES, EPERM, EROFS].contains(reason) ? reason : nil
    }

    /// `a/b/c.db` → (`a/b`, `c.db`); `c.db` → (`.`, `c.db`); `/c.db` → (`/`, `c.db`).
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    private static func cannotOpen(_ path: String, _ code: Int32) -> StoreError {
        let reason = String(cString: strerror(code))
        return StoreError(code: .cannotOpen, path: path, message: "cannot open '\(path)': \(reason)", detail: "errno \(code)")
    }
}
