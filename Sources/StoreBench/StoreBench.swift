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
/// By default consecutive URLs are on different ones of 1,000 hosts, so
/// each transaction writes all over the key order: the worst case for
/// group commits. `--host-order` gives 1,000 consecutive URLs one host, as
/// when a crawl stores a host's links together. `--without-rowid` stores
/// the table as its primary-key index alone instead of a rowid table plus
/// an index on url; `--cache-mib` sets SQLite's page cache (default 2 MiB).
///
///     StoreBench [--rows N] [--batch N] [--without-rowid] [--cache-mib N]
///                [--host-order] [--folder DIR]
@main
struct StoreBench {
    static func main() throws {
        let options = Options(CommandLine.arguments.dropFirst())
        let path = "\(options.folder)/bench-\(getpid()).db"
        defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }

        let database = try Database.open(path: path)
        if let cacheMiB = options.cacheMiB {
            // A negative cache_size is in KiB; SQLite's default is 2 MiB.
            try database.execute("PRAGMA cache_size=-\(cacheMiB * 1024)")
        }
        let layout = options.withoutRowID ? " WITHOUT ROWID" : ""
        try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY, depth INT, state INT)\(layout)")

        let clock = ContinuousClock()
        let start = clock.now
        let written = try insert(options, into: database)
        let inserting = clock.now - start
        // The insert statement is gone, so this really closes: the last
        // connection checkpoints the WAL into the file and removes it.
        let closing = clock.measure { database.close() }

        let rows = Double(options.rows)
        let fileBytes = fileSize(path)
        print("rows:            \(options.rows) in transactions of \(options.batch)\(options.withoutRowID ? ", WITHOUT ROWID" : "")\(options.cacheMiB.map { ", cache \($0) MiB" } ?? "")\(options.hostOrder ? ", host order" : "")")
        print("insert:          \(format(inserting.seconds)) s, \(Int(rows / inserting.seconds)) rows/s")
        print("close:           \(format(closing.seconds)) s (checkpoint of the WAL into the file)")
        print("file:            \(fileBytes) bytes, \(format(Double(fileBytes) / rows)) bytes/URL (URLs average \(format(Double(written.urlBytes) / rows)) bytes)")
        print("WAL peak:        \(written.walPeak) bytes")
        print("peak RSS:        \(peakResidentKiB()) KiB")
    }

    /// Inserts the rows in transactions of `options.batch`; returns the URLs'
    /// total length and the largest the WAL grew.
    static func insert(_ options: Options, into database: Database) throws -> (urlBytes: Int, walPeak: Int) {
        let insert = try database.prepare("INSERT INTO frontier (url, depth, state) VALUES (?1, ?2, ?3)")
        var urlBytes = 0
        var walPeak = 0
        var row = 0
        while row < options.rows {
            let end = min(row + options.batch, options.rows)
            try database.transaction {
                for index in row..<end {
                    let url = Self.url(index, hostOrder: options.hostOrder)
                    urlBytes += url.utf8.count
                    try insert.bind(url, at: 1)
                    try insert.bind(index % 16, at: 2)
                    try insert.bind(index % 3, at: 3)
                    _ = try insert.step()
                }
            }
            walPeak = max(walPeak, fileSize(database.path + "-wal"))
            row = end
        }
        return (urlBytes, walPeak)
    }

    /// The `index`th URL, on one of 1,000 hosts: consecutive URLs on
    /// different hosts (each transaction writes all over the key order),
    /// or with `hostOrder` 1,000 consecutive URLs on one host, as when a
    /// crawl stores the links of a host's pages together.
    static func url(_ index: Int, hostOrder: Bool) -> String {
        let host = hostOrder ? (index / 1000 &* 2_654_435_761) % 1000 : (index &* 2_654_435_761) % 1000
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
