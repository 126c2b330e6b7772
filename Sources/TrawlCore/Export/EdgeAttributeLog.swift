#if canImport(Glibc)
import Glibc
#endif

/// The `count` and `nofollow` of the link edges that are not
/// `EdgeAttributes.single`, kept in a file beside edges.csv during the crawl
/// (edges.csv keeps its two columns, and memory does not grow with them),
/// one row per edge: the edges.csv row, a tab, the count, a tab, 1 or 0.
///
/// A tab sorts below every byte a normalized URL or a CSV quote can hold,
/// as the end of a line does, so sorted in byte order these rows come in
/// the order of their edges in the sorted edges.csv: the graph writers
/// walk both in one pass (`Cursor`).
final class EdgeAttributeLog {
    static let name = "." + CrawlExports.edgesName + ".attributes"
    static let sortedName = name + ".sorted"

    private let folder: FolderHandle
    private var file: OutputFile?
    private(set) var rows = 0

    init(folder: FolderHandle) {
        self.folder = folder
    }

    deinit {
        try? file?.close()
        folder.remove(Self.name)
    }

    /// The log's size, to cut back to when the page's other writes fail.
    var size: off_t { file?.size ?? 0 }

    /// Appends the rows of `source`'s edges whose attributes are not
    /// `.single` (`attributes` is parallel to `targets`, or empty).
    func append(source: String, targets: [String], attributes: [EdgeAttributes]) throws {
        guard !attributes.isEmpty else { return }
        var text = ""
        let sourceField = CSV.field(source)
        var added = 0
        for (target, these) in zip(targets, attributes) where these != .single {
            text += sourceField
            text += ","
            text += CSV.field(target)
            text += "\t\(these.count)\t\(these.nofollow ? 1 : 0)\n"
            added += 1
        }
        guard added > 0 else { return }
        if file == nil { file = try OutputFile(creating: Self.name, in: folder) }
        try file?.write(text)
        rows += added
    }

    func cut(to size: off_t) {
        try? file?.cut(to: size)
    }

    /// The rows sorted, or nil when there are none. Sorted runs on disk are
    /// merged into one file, which a `Cursor` reads in order.
    func sorted(by sorter: ExternalSort) throws -> SortedLines? {
        guard let file, rows > 0 else { return nil }
        let unsorted = LineFile(descriptor: try file.duplicateForReading(), path: file.path)
        try file.close()
        self.file = nil
        folder.remove(Self.name)
        let lines = try sorter.sort(unsorted.reader(), in: folder, name: Self.name)
        guard !lines.isInMemory else { return lines }
        let out = try ChunkedWriter(name: Self.sortedName, in: folder)
        let newline: [UInt8] = [0x0A]
        try newline.withUnsafeBytes { newline in
            try lines.forEach { line in
                try out.write(line)
                try out.write(newline)
            }
        }
        try out.commit()
        let merged = LineFile(descriptor: try folder.openForReading(Self.sortedName), path: folder.path(of: Self.sortedName),
                              temporaryIn: folder, name: Self.sortedName)
        return SortedLines(sortedFile: merged, count: rows)
    }

    /// Walks the sorted rows beside the sorted edges: `attributes(of:)`,
    /// asked for every edge in order, answers from the row that matches.
    /// Not Sendable: one pass, one thread.
    final class Cursor {
        private let reader: LineReader?
        private var memory: [[UInt8]] = []
        private var position = 0
        private var current: [UInt8]?

        /// Over `lines` (nil: every edge is `.single`).
        init(_ lines: SortedLines?) throws {
            reader = lines?.fileReader()
            if let lines, reader == nil {
                var rows: [[UInt8]] = []
                try lines.forEach { rows.append(Array($0)) }
                memory = rows
            }
            try load()
        }

        private func load() throws {
            if let reader {
                current = try reader.advance() ? Array(reader.current) : nil
            } else {
                current = position < memory.count ? memory[position] : nil
                position += 1
            }
        }

        /// The attributes of the edge whose edges.csv row is `row`; rows
        /// must be asked in sorted order.
        func attributes(of row: UnsafeRawBufferPointer) throws -> EdgeAttributes {
            guard let line = current, line.count > row.count, line[row.count] == 0x09, line.starts(with: row) else {
                return .single
            }
            try load()
            let fields = line[(row.count + 1)...].split(separator: 0x09)
            guard fields.count == 2, let count = Int(String(decoding: fields[fields.startIndex], as: UTF8.self)) else {
                return .single
            }
            return EdgeAttributes(count: count, nofollow: fields[fields.startIndex + 1].first == 0x31)
        }
    }
}
