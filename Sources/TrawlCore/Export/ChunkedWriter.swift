#if canImport(Glibc)
import Glibc
#endif

/// Writes a large generated file (GraphML, DOT, sorted edges) in 64 KiB
/// chunks to `path.partial`, then renames it over `path`: readers see the old
/// file or the whole new one, never half of it.
final class ChunkedWriter {
    private let path: String
    private let file: OutputFile
    private var buffer = ""

    init(path: String) throws {
        self.path = path
        file = try OutputFile(path: path + ".partial")
        buffer.reserveCapacity(1 << 16)
    }

    func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= 1 << 16 {
            try file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func commit() throws {
        try file.write(buffer)
        buffer = ""
        try file.close()
        if rename(path + ".partial", path) != 0 {
            throw TrawlError(.writeFailed, "cannot replace '\(path)': \(String(cString: strerror(errno)))")
        }
    }
}
