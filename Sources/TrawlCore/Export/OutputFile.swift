#if canImport(Glibc)
import Glibc
import TrawlFetch
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written with write(2), no user-space buffer, so every line the
/// crawl reports is on disk (in the page cache) the moment the call returns:
/// a crawl stopped by Ctrl-C or a crash leaves whole lines only. Opened for
/// reading too, so the finish reads back the very file it wrote, whatever
/// has become of its name. Owned by the engine's one driver task; not
/// Sendable on purpose.
final class OutputFile {
    let path: String
    private var fd: Int32
    /// Bytes of whole writes so far: where a failed write is cut back to.
    private(set) var size: off_t = 0

    /// Creates `name` in `folder`; it must not exist (see
    /// `FolderHandle.createNew`: a planted link is refused, not followed).
    convenience init(creating name: String, in folder: FolderHandle) throws {
        self.init(descriptor: try folder.createNew(name), path: folder.path(of: name))
    }

    /// Takes over `descriptor`, open for writing at offset 0 of an empty file.
    init(descriptor: Int32, path: String) {
        self.path = path
        fd = descriptor
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in try write(UnsafeRawBufferPointer(bytes)) }
    }

    /// Writes all of `bytes`, retrying short writes and EINTR; or, when the
    /// system refuses (disk full, EFBIG, EIO), none of them: the part that
    /// did reach the file is cut off again, so the file keeps whole writes
    /// (whole lines) only.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let (written, error) = SystemCall.writeAll(fd, bytes)
        if let error {
            let reason = systemError(error)
            // Fails harmlessly where there is nothing to cut (/dev/full).
            if written > 0, ftruncate(fd, size) == 0 { lseek(fd, size, SEEK_SET) }
            throw TrawlError(.writeFailed, "cannot write '\(path)': \(reason)")
        }
        size += off_t(bytes.count)
    }

    /// Cuts the file back to its first `length` bytes (whole writes that
    /// must not stand alone, as edges whose page line failed).
    func cut(to length: off_t) throws {
        guard length < size else { return }
        guard ftruncate(fd, length) == 0, lseek(fd, length, SEEK_SET) == length else {
            throw TrawlError(.writeFailed, "cannot cut '\(path)' back to \(length) bytes: \(systemError())")
        }
        size = length
    }

    /// Gives up the space reserved past the bytes written (see
    /// `ChunkedWriter`'s reservation).
    func trimToSize() throws {
        guard ftruncate(fd, size) == 0 else {
            throw TrawlError(.writeFailed, "cannot write '\(path)': \(systemError())")
        }
    }

    /// A second descriptor of the file, for a reader (`LineFile`) that
    /// outlives this writer: reads need no name, so none can be swapped.
    func duplicateForReading() throws -> Int32 {
        let copy = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw TrawlError(.writeFailed, "cannot read back '\(path)': \(systemError())") }
        return copy
    }

    func close() throws {
        guard fd >= 0 else { return }
        let result = Glibc.close(fd)
        fd = -1
        if result != 0 {
            throw TrawlError(.writeFailed, "cannot finish '\(path)': \(systemError())")
        }
    }
}
