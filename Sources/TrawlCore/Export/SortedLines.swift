#if canImport(Glibc)
import Glibc
#endif

/// The lines of a text buffer in byte order — what `LC_ALL=C sort` prints —
/// kept as ranges into the one buffer, so sorting 100,000s of edges makes no
/// String per row and compares with memcmp.
struct SortedLines {
    let bytes: [UInt8]
    /// Line ranges without their "\n", in byte order.
    private(set) var lines: [Range<Int>]

    /// Every "\n"-terminated line of `bytes` from offset `start` (a last
    /// line without "\n" counts too); empty lines are dropped.
    init(_ bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        var lines: [Range<Int>] = []
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
                    let order = memcmp(base + a.lowerBound, base + b.lowerBound, min(a.count, b.count))
                    return order != 0 ? order < 0 : a.count < b.count
                }
            }
        }
        self.lines = lines
    }

    var count: Int { lines.count }

    /// Calls `body` with each line's bytes, in order.
    func forEach(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { buffer in
            for line in lines { try body(UnsafeRawBufferPointer(rebasing: buffer[line])) }
        }
    }
}
