#if canImport(Glibc)
import Glibc
#endif

/// Writes a generated file (GraphML, DOT, sorted edges, the report) in
/// 64 KiB chunks to a temporary file beside it, then renames it over its
/// name, as git writes its lockfiles: readers see the old file or the whole
/// new one, never half of it. The temporary name is unpredictable and made
/// with O_EXCL, and the rename replaces whatever is at the final name (a
/// planted link included) without following it. A writer dropped before
/// `commit` (a write failed) deletes its temporary file, so a failed run
/// leaves no half-written file behind.
final class ChunkedWriter {
    private static let chunkSize = 1 << 16
    private let folder: FolderHandle
    private let name: String
    private let temporaryName: String
    private let file: OutputFile
    private let reserved: Bool
    private var buffer: [UInt8] = []
    private var committed = false

    /// `reserving`: bytes allocated on disk up front (posix_fallocate), so
    /// a file no bigger is still written when the disk has filled since
    /// (report.json after a disk-full crawl). Best effort: a file system
    /// that cannot reserve just does not.
    init(name: String, in folder: FolderHandle, reserving: Int = 0) throws {
        self.folder = folder
        self.name = name
        let (descriptor, temporaryName) = try folder.createTemporary(for: name)
        self.temporaryName = temporaryName
        file = OutputFile(descriptor: descriptor, path: folder.path(of: name))
        reserved = reserving > 0 && posix_fallocate(descriptor, 0, off_t(reserving)) == 0
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    /// The file at `path`, written in the folder that holds it.
    convenience init(path: String) throws {
        let slash = path.lastIndex(of: "/")
        let folderPath = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        try self.init(name: name, in: FolderHandle(opening: folderPath, code: .writeFailed))
    }

    deinit {
        if !committed { folder.remove(temporaryName) }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        try flushIfFull()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        try flushIfFull()
    }

    private func flushIfFull() throws {
        guard buffer.count >= Self.chunkSize else { return }
        try flush()
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { bytes in try file.write(bytes) }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try flush()
        buffer = []
        if reserved { try file.trimToSize() }
        try file.close()
        try folder.rename(temporaryName, to: name)
        committed = true
    }
}
