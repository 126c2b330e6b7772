#if canImport(Glibc)
import Glibc
#endif

/// Lines a crawl gathers for its finish and need not hold in memory (the
/// graph's nodes, its redirect hops): appended to a temporary file in the
/// output folder through a 64 KiB buffer, and read back sorted in byte
/// order (`ExternalSort`, bounded memory). A log that never filled its
/// buffer never touches the disk; its file goes when the log is sorted or
/// dropped. Not Sendable: it belongs to the exports' one task.
final class LineLog {
    private static let bufferSize = 1 << 16

    private let folder: FolderHandle
    /// The export the log serves: its file is `.NAME.log-XXXXXX`, which
    /// the output folder's claim knows as trawl's (`OutputFolder`).
    private let exportName: String
    private var file: (output: OutputFile, name: String)?
    private var buffer: [UInt8] = []
    private(set) var count = 0

    init(for exportName: String, in folder: FolderHandle) {
        self.exportName = exportName
        self.folder = folder
    }

    deinit {
        if let file {
            try? file.output.close()
            folder.remove(file.name)
        }
    }

    /// Appends `line`, which holds no "\n".
    func append(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        count += 1
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        if file == nil {
            let (descriptor, name) = try folder.createTemporary(for: exportName, kind: "log")
            file = (OutputFile(descriptor: descriptor, path: folder.path(of: name)), name)
        }
        try buffer.withUnsafeBytes { try file!.output.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The lines in byte order. The log is spent: what it wrote to disk is
    /// read back, sorted in runs beside it, and its own file removed.
    func sorted(by sorter: ExternalSort) throws -> SortedLines {
        guard let file else {
            defer { buffer = [] }
            return SortedLines(buffer, expectedLines: count)
        }
        try flush()
        buffer = []
        let unsorted = LineFile(descriptor: try file.output.duplicateForReading(), path: file.output.path)
        try file.output.close()
        folder.remove(file.name)
        self.file = nil
        return try sorter.sort(unsorted.reader(), in: folder, name: exportName)
    }
}
