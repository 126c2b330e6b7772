#if canImport(Glibc)
import Glibc
#endif

/// Lines in byte order — what `LC_ALL=C sort` prints, duplicates kept —
/// read as often as needed without holding them all: one run sorted in
/// memory (ranges into one buffer, compared with memcmp, no String per
/// row), or sorted runs on disk merged anew on every pass (`ExternalSort`
/// makes both), or a file whose lines are sorted already.
struct SortedLines {
    private enum Source {
        case memory(bytes: [UInt8], lines: [Range<Int>])
        /// Sorted runs; each pass merges them.
        case runs([LineFile])
        /// One file of sorted lines.
        case file(LineFile)
    }

    private let source: Source
    let count: Int

    /// Every "\n"-terminated line of `bytes` from offset `start` (a last
    /// line without "\n" counts too), sorted in memory; empty lines are
    /// dropped. `expectedLines`, when known, sizes the index at once.
    init(_ bytes: [UInt8], from start: Int = 0, expectedLines: Int = 0) {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(expectedLines)
        var lineStart = start
        bytes.withUnsafeBufferPointer { buffer in
            for index in start..<buffer.count where buffer[index] == 0x0A {
                if index > lineStart { lines.append(lineStart..<index) }
                lineStart = index + 1
            }
            if lineStart < buffer.count { lines.append(lineStart..<buffer.count) }
        }
        if !lines.isEmpty {
            bytes.withUnsafeBytes { buffer in
                let base = buffer.baseAddress!
                lines.sort { a, b in
                    Self.precedes(UnsafeRawBufferPointer(start: base + a.lowerBound, count: a.count),
                                  UnsafeRawBufferPointer(start: base + b.lowerBound, count: b.count))
                }
            }
        }
        source = .memory(bytes: bytes, lines: lines)
        count = lines.count
    }

    /// The merge of sorted runs (each one's `lineCount` set).
    init(runs: [LineFile]) {
        source = .runs(runs)
        count = runs.reduce(0) { $0 + $1.lineCount }
    }

    /// A file whose lines are sorted already, holding `count` of them.
    init(sortedFile: LineFile, count: Int) {
        source = .file(sortedFile)
        self.count = count
    }

    /// True when the lines are in this process's memory (one run).
    var isInMemory: Bool {
        if case .memory = source { return true }
        return false
    }

    /// A reader of the lines in order, when they are one file (not in
    /// memory, not runs still to merge).
    func fileReader() -> LineReader? {
        if case .file(let file) = source { return file.reader() }
        return nil
    }

    /// Calls `body` with each line's bytes (without "\n"), in order.
    func forEach(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch source {
        case .memory(let bytes, let lines):
            try bytes.withUnsafeBytes { buffer in
                for line in lines { try body(UnsafeRawBufferPointer(rebasing: buffer[line])) }
            }
        case .runs(let runs):
            try LineMerge.merge(runs.map { $0.reader() }, body)
        case .file(let file):
            let reader = file.reader()
            while try reader.advance() { try body(reader.current) }
        }
    }

    /// Byte order: memcmp, then the shorter line first.
    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
        return order != 0 ? order < 0 : a.count < b.count
    }
}

/// The k-way merge of sorted line streams: a binary min-heap of readers
/// keyed by their current line, so each line costs O(log k) comparisons
/// and memory is one buffer per reader.
enum LineMerge {
    static func merge(_ readers: [LineReader], _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var heap: [LineReader] = []
        heap.reserveCapacity(readers.count)
        for reader in readers where try reader.advance() { heap.append(reader) }
        // Ties go either way: equal lines are equal bytes.
        func less(_ i: Int, _ j: Int) -> Bool { SortedLines.precedes(heap[i].current, heap[j].current) }
        func siftDown(_ start: Int) {
            var parent = start
            while true {
                let left = 2 * parent + 1
                guard left < heap.count else { return }
                var smallest = left
                if left + 1 < heap.count, less(left + 1, left) { smallest = left + 1 }
                guard less(smallest, parent) else { return }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
        while let top = heap.first {
            try body(top.current)
            if try top.advance() {
                siftDown(0)
            } else {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
                siftDown(0)
            }
        }
    }
}
