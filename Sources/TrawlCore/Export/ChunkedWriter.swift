#if canImport(Glibc)
import Glibc
#endif

/// Writes a large generated file (GraphML, DOT, sorted edges) in 64 KiB
/// chunks to `path.partial`, then renames it over `path`: readers see the old
/// file or the whole new one, never half of it.
final class ChunkedWriter {
    private static let chunkSize = 1 << 16
    private let path: String
    private let file: OutputFile
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        file = try OutputFile(path: path + ".partial")
        buffer.reserveCapacity(Self.chunkSize + 4096)
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
    }
}
