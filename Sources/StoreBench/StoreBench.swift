import TrawlStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `swift run -c release StoreBench` (or `scripts/bench-store.sh`): what the
/// crawl journal costs. Inserts ROWS rows (default 1,000,000) of
/// (url TEXT PRIMARY KEY, depth INT, state INT) through one prepared
/// statement, BATCH rows (default 1,000) per transaction, as a crawl's group
/// commits would; then prints rows/s, the file's size per URL once closed
/// (WAL checkpointed into it) and the process's peak RSS.
///
/// URLs spread over 1,000 hosts in an order unlike the key order, so the
/// B-tree is written all over, as a crawl writes it. `--without-rowid`
/// stores the table as its key index alone instead of a rowid table plus an
/// index on url.
///
///     StoreBench [--rows N] [--batch N] [--without-rowid] [--folder DIR]
@main
struct StoreBench {
    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        let path = "\(options.folder)/bench-\(getpid()).db"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }

        let database = try Database.open(path: path)
        let layout = options.withoutRowID ? " WITHOUT ROWID" : ""
        try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY, depth INT, state INT)\(layout)")
        let insert = try database.prepare("INSERT INTO frontier (url, depth, state) VALUES (?1, ?2, ?3)")

        let clock = ContinuousClock()
        var urlBytes = 0
        var walPeak = 0
        let start = clock.now
        var row = 0
        while row < options.rows {
            let end = min(row + options.batch, options.rows)
            try database.transaction {
                for index in row..<end {
                    let url = Self.url(index)
                    urlBytes += url.utf8.count
                    try insert.bind(url, at: 1)
                    try insert.bind(index % 16, at: 2)
                    try insert.bind(index % 3, at: 3)
                    _ = try insert.step()
                }
            }
            walPeak = max(walPeak, fileSize(path + "-wal"))
            row = end
        }
        let inserting = clock.now - start
        let closing = clock.measure {
            // `insert` keeps the connection alive; close() checkpoints now.
            database.close()
        }

        let rows = Double(options.rows)
        let fileBytes = fileSize(path)
        print("rows:            \(options.rows) in transactions of \(options.batch)\(options.withoutRowID ? ", WITHOUT ROWID" : "")")
        print("insert:          \(format(inserting.seconds)) s, \(Int(rows / inserting.seconds)) rows/s")
        print("close:           \(format(closing.seconds)) s (checkpoint of the WAL into the file)")
        print("file:            \(fileBytes) bytes, \(format(Double(fileBytes) / rows)) bytes/URL (URLs average \(format(Double(urlBytes) / rows)) bytes)")
        print("WAL peak:        \(walPeak) bytes")
        print("peak RSS:        \(peakResidentKiB()) KiB")
    }

    static func url(_ index: Int) -> String {
        let host = (index &* 2_654_435_761) % 1000
        return "https://host-\(host).example.com/section-\(index % 37)/article-\(index).html"
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// ru_maxrss, which Linux reports in KiB.
    static func peakResidentKiB() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss
    }

    static func format(_ value: Double) -> String {
        String(Double(Int(value * 100)) / 100)
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
