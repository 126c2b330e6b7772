/// Every redirect hop of a crawl, for redirects.csv and the graph files:
/// at most one per fetch, so a large crawl keeps them on disk (`LineLog`)
/// as `SOURCE\tTARGET\tSEQUENCE\tSTATUS` lines. Sorted, they come in the
/// order the exports list them: by source URL, then target URL (a tab
/// sorts below every byte of a normalized URL), then the order they were
/// found (SEQUENCE: 16 hex digits). Not Sendable: the exports' one task.
final class RedirectLog {
    private let log: LineLog
    private var sequence: UInt64 = 0

    init(folder: FolderHandle) {
        log = LineLog(for: GraphTables.redirectsName, in: folder)
    }

    func append(from source: String, to target: String, status: Int) throws {
        let digits = String(sequence, radix: 16)
        sequence += 1
        try log.append(source + "\t" + target + "\t" + String(repeating: "0", count: 16 - digits.count) + digits
                       + "\t" + String(Int16(clamping: status)))
    }

    /// The hops in order, read back from the log, which is spent.
    func sorted(by sorter: ExternalSort) throws -> SortedRedirects {
        SortedRedirects(lines: try log.sorted(by: sorter))
    }
}

/// The redirect hops in the exports' order (`RedirectLog`); each
/// `forEach` reads them again.
struct SortedRedirects {
    let lines: SortedLines

    func forEach(_ body: (_ source: String, _ target: String, _ status: Int) throws -> Void) throws {
        try lines.forEach { line in
            let fields = line.split(separator: 0x09, omittingEmptySubsequences: false)
            guard fields.count == 4 else { return }
            try body(String(decoding: UnsafeRawBufferPointer(rebasing: fields[0]), as: UTF8.self),
                     String(decoding: UnsafeRawBufferPointer(rebasing: fields[1]), as: UTF8.self),
                     Int(String(decoding: UnsafeRawBufferPointer(rebasing: fields[3]), as: UTF8.self)) ?? 0)
        }
    }
}
