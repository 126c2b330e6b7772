#if canImport(Glibc)
import Glibc
#endif

/// Writes a generated file (GraphML, DOT, sorted edges, the report) in
/// 64 KiB chunks to `path.partial`, then renames it over `path`: readers see
/// the old file or the whole new one, never half of it. A writer dropped
/// before `commit` (a write failed) deletes its partial file, so a failed
/// run leaves no half-written file behind.
final class ChunkedWriter {
    private static let chunkSize = 1 << 16
    private let path: String
    private let file: OutputFile
    private var buffer: [UInt8] = []
    private var committed = false

    init(path: String) throws {
        self.path = path
        file = try OutputFile(path: path + ".partial")
        buffer.reserveCapacity(Self.chunkSize + 4096)
    }

    deinit {
        if !committed { unlink(path + ".partial") }
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
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer = []
        try file.close()
        if rename(path + ".partial", path) != 0 {
            throw TrawlError(.writeFailed, "cannot replace '\(path)': \(String(cString: strerror(errno)))")
        }
        committed = true
    }
}
