#if canImport(Glibc)
import Glibc
import TrawlFetch
#endif

/// A file of "\n"-terminated lines read back from an open descriptor: a
/// run of the external sort (a temporary file, removed when dropped), the
/// unsorted edges.csv, or the sorted one. Each `reader()` reads it from
/// `start` with pread(2), so several passes need no reopening.
final class LineFile {
    let path: String
    private let descriptor: Int32
    private let start: off_t
    /// The lines it holds, when the writer counted them.
    let lineCount: Int
    /// Set for a temporary file: its folder and name, to remove it.
    private let temporary: (folder: FolderHandle, name: String)?

    init(descriptor: Int32, path: String, from start: off_t = 0, lineCount: Int = 0,
         temporaryIn folder: FolderHandle? = nil, name: String? = nil) {
        self.descriptor = descriptor
        self.path = path
        self.start = start
        self.lineCount = lineCount
        temporary = folder.flatMap { folder in name.map { (folder, $0) } }
    }

    deinit {
        close(descriptor)
        if let temporary { temporary.folder.remove(temporary.name) }
    }

    func reader(bufferSize: Int = 1 << 16) -> LineReader {
        LineReader(file: self, descriptor: descriptor, from: start, bufferSize: bufferSize)
    }
}

/// Reads the lines of a `LineFile` through one buffer. `current` is the
/// line `advance` moved to (without its "\n"; empty lines are skipped, as
/// edges.csv has none), valid until the next `advance`. A line longer than
/// the buffer grows it. Not Sendable: one reader, one thread.
final class LineReader {
    private let file: LineFile
    private let descriptor: Int32
    private var offset: off_t
    private var storage: UnsafeMutableRawBufferPointer
    private var lineStart = 0
    private var dataEnd = 0
    private var atEnd = false
    private(set) var current = UnsafeRawBufferPointer(start: nil, count: 0)

    fileprivate init(file: LineFile, descriptor: Int32, from offset: off_t, bufferSize: Int) {
        self.file = file
        self.descriptor = descriptor
        self.offset = offset
        storage = .allocate(byteCount: max(bufferSize, 16), alignment: 1)
    }

    deinit { storage.deallocate() }

    /// Moves to the next line; false at the end of the file.
    func advance() throws -> Bool {
        while true {
            let base = storage.baseAddress!  // `refill` may move the buffer
            if lineStart < dataEnd, let found = memchr(base + lineStart, 0x0A, dataEnd - lineStart) {
                let end = base.distance(to: found)
                defer { lineStart = end + 1 }
                if end == lineStart { continue }
                current = UnsafeRawBufferPointer(start: base + lineStart, count: end - lineStart)
                return true
            }
            if atEnd {
                guard lineStart < dataEnd else { return false }
                current = UnsafeRawBufferPointer(start: base + lineStart, count: dataEnd - lineStart)
                lineStart = dataEnd
                return true
            }
            try refill()
        }
    }

    /// Keeps the unfinished line at the front and reads after it.
    private func refill() throws {
        let pending = dataEnd - lineStart
        if lineStart > 0 {
            if pending > 0 { memmove(storage.baseAddress!, storage.baseAddress! + lineStart, pending) }
            lineStart = 0
            dataEnd = pending
        }
        if dataEnd == storage.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 1)
            larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[..<dataEnd]))
            storage.deallocate()
            storage = larger
        }
        let count = SystemCall.retryingInterrupts { pread(descriptor, storage.baseAddress! + dataEnd, storage.count - dataEnd, offset) }
        if count < 0 {
            throw TrawlError(.writeFailed, "cannot read back '\(file.path)': \(systemError())")
        }
        if count == 0 { atEnd = true }
        offset += off_t(count)
        dataEnd += count
    }
}
