#if canImport(Glibc)
import Glibc
#endif

/// The output folder of one crawl, claimed for that crawl alone: created if
/// missing, refused when it already holds a crawl's files (unless they are
/// to be overwritten, and then removed first), and locked for as long as
/// the claim lives, so two crawls never write one folder and no file of an
/// earlier run is ever left beside a new run's.
///
/// The lock is an flock(2) on `.trawl.lock` in the folder, taken without
/// waiting and released by the kernel however the process ends; the file
/// holds the holder's pid for the refusal message and is removed when the
/// claim ends. Immutable, so Sendable; dropping it releases the folder.
public final class OutputFolder: Sendable {
    /// The files a crawl writes into its folder.
    static let exportNames = ["pages.jsonl", "edges.csv", "graph.graphml", "graph.dot", "report.json"] + GraphTables.names
        + stateNames
    /// The journal (`CrawlJournal`) and SQLite's files beside it: a resumed
    /// crawl keeps them and rewrites the rest.
    static let stateNames = ["state.db", "state.db-wal", "state.db-shm"]
    static let lockName = ".trawl.lock"
    /// How many names `createUnique` tries: NAME, NAME-2 … NAME-100.
    static let uniqueAttempts = 100

    let handle: FolderHandle
    private let lock: Int32

    public var path: String { handle.path }

    /// Claims `path`: creates it (and its parents) if missing, locks it,
    /// and refuses it when it holds a crawl's files (the exports, their
    /// temporary files, and `.partial` files of trawl before 0.2) — or,
    /// with `overwrite`, removes exactly those files but the `kept` ones
    /// (`--resume` keeps the journal) (unlink: a link is
    /// removed, not followed; a folder in their place is an error, never
    /// recursed into). Errors are `.outputUnwritable` and name the folder.
    public init(claiming path: String, overwrite: Bool = false, keeping kept: Set<String> = []) throws(TrawlError) {
        try Self.makeFolder(path, parentsOnly: false)
        handle = try FolderHandle(opening: path)
        guard access(path, W_OK) == 0 else {
            throw TrawlError(.outputUnwritable, "output folder '\(path)' is not writable")
        }
        lock = try Self.lock(handle)
        // From here on `deinit` releases the lock if a check below throws.
        let leftovers = try handle.entryNames().filter { Self.isCrawlFile($0) && !kept.contains($0) }.sorted()
        guard !leftovers.isEmpty else { return }
        guard overwrite else {
            throw TrawlError(.outputUnwritable,
                "output folder '\(path)' already holds a crawl's files (\(leftovers.joined(separator: ", "))); pass --overwrite to replace them, or choose another --out")
        }
        for name in leftovers {
            if let code = handle.remove(name) {
                throw TrawlError(.outputUnwritable, "cannot remove '\(handle.path(of: name))' (--overwrite): \(systemError(code))")
            }
        }
    }

    deinit {
        // Unlinked while still locked: a crawl that opened the old file
        // meanwhile sees it is gone and locks a new one (see `lock`).
        handle.remove(Self.lockName)
        close(lock)
    }

    /// Creates a new folder `base`, or `base-2`, `base-3` … when that name
    /// is taken, and returns its path: mkdir(2) either makes the folder or
    /// fails, so two crawls started in the same second never share one.
    /// The parents are created as needed.
    public static func createUnique(_ base: String) throws(TrawlError) -> String {
        try makeFolder(base, parentsOnly: true)
        for attempt in 1...uniqueAttempts {
            let candidate = attempt == 1 ? base : "\(base)-\(attempt)"
            if mkdir(candidate, 0o755) == 0 { return candidate }
            guard errno == EEXIST else {
                throw TrawlError(.outputUnwritable, "cannot create output folder '\(candidate)': \(systemError())")
            }
        }
        throw TrawlError(.outputUnwritable,
            "cannot create output folder '\(base)': it and '\(base)-2' to '\(base)-\(uniqueAttempts)' all exist")
    }

    /// Whether `name` is one of the files a crawl leaves in its folder.
    static func isCrawlFile(_ name: String) -> Bool {
        exportNames.contains { export in
            name == export || name == export + ".partial" || name.hasPrefix("." + export + ".")
        }
    }

    /// mkdir -p: every missing component of `path` (but the last one when
    /// `parentsOnly`); one that exists already is fine.
    private static func makeFolder(_ path: String, parentsOnly: Bool) throws(TrawlError) {
        var components = path.split(separator: "/", omittingEmptySubsequences: true)
        if parentsOnly { components = components.dropLast() }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in components {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if component == "." || component == ".." { continue }
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw TrawlError(.outputUnwritable, "cannot create output folder '\(path)': \(systemError())")
            }
        }
    }

    /// Takes the folder's lock, or throws naming the crawl that holds it.
    private static func lock(_ folder: FolderHandle) throws(TrawlError) -> Int32 {
        let lockPath = folder.path(of: lockName)
        for _ in 0..<10 {
            let fd = openat(folder.descriptor, lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw TrawlError(.outputUnwritable, "cannot create lock file '\(lockPath)': \(systemError())") }
            var opened = stat()
            guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
                close(fd)
                throw TrawlError(.outputUnwritable, "lock file '\(lockPath)' is not a regular file")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let holder = readPID(fd)
                close(fd)
                if code == EWOULDBLOCK {
                    throw TrawlError(.outputUnwritable,
                        "output folder '\(folder.path)' is in use by another crawl\(holder.map { " (pid \($0))" } ?? "")")
                }
                throw TrawlError(.outputUnwritable, "cannot lock '\(lockPath)': \(systemError(code))")
            }
            // The previous holder may have removed the file between our open
            // and our lock: then the lock guards nothing, so start over.
            var named = stat()
            if fstatat(folder.descriptor, lockName, &named, AT_SYMLINK_NOFOLLOW) == 0,
               named.st_dev == opened.st_dev, named.st_ino == opened.st_ino {
                let pid = Array("\(getpid())\n".utf8)
                if ftruncate(fd, 0) == 0 { _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) } }
                return fd
            }
            close(fd)
        }
        throw TrawlError(.outputUnwritable, "cannot lock '\(lockPath)': it was replaced ten times in a row")
    }

    /// The pid the holder of a lock file wrote into it, if any yet.
    private static func readPID(_ fd: Int32) -> Int? {
        var bytes = [UInt8](repeating: 0, count: 24)
        let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int(String(decoding: bytes[..<count].prefix { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self))
    }
}
