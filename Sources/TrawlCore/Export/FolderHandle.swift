#if canImport(Glibc)
import Glibc
#endif

/// An open folder whose files are made, renamed and removed relative to it
/// (openat, renameat, unlinkat): a name inside it is never followed as a
/// symbolic link, and the folder renamed or replaced mid-run cannot
/// redirect a write. (The folder itself may be a link: that is the user's
/// choice.) Immutable, so Sendable.
final class FolderHandle: Sendable {
    let path: String
    let descriptor: Int32

    /// `code`: the error a folder that cannot be opened gives.
    init(opening path: String, code: TrawlError.Code = .outputUnwritable) throws(TrawlError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TrawlError(code, "cannot open output folder '\(path)': \(systemError())")
        }
    }

    deinit { close(descriptor) }

    func path(of name: String) -> String { path + "/" + name }

    /// Creates `name`, which must not exist yet, for reading and writing.
    /// O_EXCL: whatever is found there, a link planted by someone else
    /// included, is refused rather than followed.
    func createNew(_ name: String, code: TrawlError.Code = .outputUnwritable) throws(TrawlError) -> Int32 {
        let fd = openat(descriptor, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TrawlError(code, "cannot create '\(path(of: name))': \(systemError())") }
        return fd
    }

    /// A new file beside `name` whose name no one can predict,
    /// `.NAME.KIND-XXXXXX`, made with O_EXCL as mkstemp(3) makes its files.
    /// The leading dot and NAME mark it as trawl's (see `OutputFolder`).
    func createTemporary(for name: String, kind: String = "tmp") throws(TrawlError) -> (descriptor: Int32, name: String) {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for _ in 0..<100 {
            let candidate = ".\(name).\(kind)-" + String((0..<6).map { _ in letters.randomElement()! })
            let fd = openat(descriptor, candidate, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, candidate) }
            if errno != EEXIST {
                throw TrawlError(.writeFailed, "cannot create a temporary file for '\(path(of: name))': \(systemError())")
            }
        }
        throw TrawlError(.writeFailed, "cannot create a temporary file for '\(path(of: name))': 100 random names were taken")
    }

    /// Renames `from` over `to`, atomically: a reader sees the old file or
    /// the new one. A link at `to` is replaced, never followed.
    func rename(_ from: String, to: String) throws(TrawlError) {
        guard renameat(descriptor, from, descriptor, to) == 0 else {
            throw TrawlError(.writeFailed, "cannot replace '\(path(of: to))': \(systemError())")
        }
    }

    /// Removes the entry `name` (a link itself, never what it points to;
    /// never a folder). Returns the errno, or nil.
    @discardableResult
    func remove(_ name: String) -> Int32? {
        unlinkat(descriptor, name, 0) == 0 ? nil : errno
    }

    /// Opens an existing file for reading, refusing a link.
    func openForReading(_ name: String) throws(TrawlError) -> Int32 {
        let fd = openat(descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw TrawlError(.writeFailed, "cannot read back '\(path(of: name))': \(systemError())") }
        return fd
    }

    /// The names in the folder, but "." and "..".
    func entryNames() throws(TrawlError) -> [String] {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw TrawlError(.outputUnwritable, "cannot list output folder '\(path)': \(systemError())")
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

/// The text of the current errno ("No space left on device").
func systemError(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
