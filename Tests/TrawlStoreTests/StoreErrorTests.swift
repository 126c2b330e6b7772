import Foundation
import Testing
@testable import TrawlStore

struct StoreErrorTests {
    // MARK: - Files that are not a sound state file

    @Test func randomBytesAreNotATrawlStateFile() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            var generator = SystemRandomNumberGenerator()
            let garbage = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(garbage).write(to: URL(fileURLWithPath: path))

            let error = try #require(throws: StoreError.self) { try Database.open(path: path) }
            #expect(error.code == .notADatabase)
            #expect(error.path == path)
            #expect(error.message == "'\(path)' is not a trawl state file (or it is corrupt)")
            #expect(error.sqliteCode == 26) // SQLITE_NOTADB
            #expect(error.description == "'\(path)' is not a trawl state file (or it is corrupt) (SQLite extended result code 26: file is not a database)")
            // Refused, not overwritten.
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(garbage))
        }
    }

    @Test func aShortTextFileIsNotATrawlStateFile() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            try "pages.jsonl would go here\n".write(toFile: path, atomically: false, encoding: .utf8)
            let error = try #require(throws: StoreError.self) { try Database.open(path: path) }
            #expect(error.code == .notADatabase)
            #expect(error.message == "'\(path)' is not a trawl state file (or it is corrupt)")
        }
    }

    @Test func aDatabaseTruncatedToHalfIsReportedCorrupt() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY, depth INT, body BLOB)")
            try database.transaction {
                let insert = try database.prepare("INSERT INTO frontier VALUES (?1, ?2, ?3)")
                for index in 0..<2_000 {
                    try insert.bind("https://example.com/page/\(index)", at: 1)
                    try insert.bind(index % 5, at: 2)
                    try insert.bind([UInt8](repeating: UInt8(index % 256), count: 300), at: 3)
                    _ = try insert.step()
                }
            }
            database.close() // checkpoints every page into the file
            let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size > 500_000)
            #expect(truncate(path, off_t(size / 2)) == 0)

            // The header promises twice the pages the file holds: the first
            // read (switching to WAL) refuses it.
            let error = try #require(throws: StoreError.self) { try Database.open(path: path) }
            #expect(error.code == .corrupt)
            #expect(error.message == "'\(path)' is corrupt (damaged or truncated)")
            #expect(error.sqliteCode == 11) // SQLITE_CORRUPT
            #expect(error.detail == "database disk image is malformed")
        }
    }

    @Test func aDamagedPageIsFoundByTheIntegrityCheck() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY, depth INT)")
            try database.transaction {
                let insert = try database.prepare("INSERT INTO frontier VALUES (?1, ?2)")
                for index in 0..<5_000 {
                    try insert.bind("https://example.com/page/\(index)", at: 1)
                    try insert.bind(index, at: 2)
                    _ = try insert.step()
                }
            }
            database.close()
            // Zero the last page but one: the file keeps its size, so it
            // opens, and the damage shows only when that page is read.
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: size - 2 * 4096)
            try handle.write(contentsOf: Data(count: 4096))
            try handle.close()

            let reopened = try Database.open(path: path)
            // Either way, a clear report and no crash.
            switch Result(catching: { () throws(StoreError) in try reopened.integrityCheck() }) {
            case .success(let problems):
                #expect(!problems.isEmpty)
            case .failure(let error):
                #expect(error.code == .corrupt)
                #expect(error.message == "'\(path)' is corrupt (damaged or truncated)")
            }
        }
    }

    // MARK: - Paths that are refused

    @Test func aSymbolicLinkAtThePathIsRefused() throws {
        try withTemporaryFolder { folder in
            let target = "\(folder)/real.db"
            let real = try Database.open(path: target)
            try real.execute("CREATE TABLE t (v INT)")
            real.close()
            let link = "\(folder)/state.db"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.db")

            let error = try #require(throws: StoreError.self) { try Database.open(path: link) }
            #expect(error.code == .symbolicLink)
            #expect(error.message == "'\(link)' is a symbolic link: trawl does not follow links to its state file")
            #expect(error.sqliteCode == 0)
        }
    }

    @Test func aDanglingSymbolicLinkIsRefusedAndNothingIsCreated() throws {
        try withTemporaryFolder { folder in
            let link = "\(folder)/state.db"
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "elsewhere.db")
            let error = try #require(throws: StoreError.self) { try Database.open(path: link) }
            #expect(error.code == .symbolicLink)
            #expect(!FileManager.default.fileExists(atPath: "\(folder)/elsewhere.db"))
        }
    }

    @Test func aFolderAtThePathIsRefused() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            let error = try #require(throws: StoreError.self) { try Database.open(path: path) }
            #expect(error.code == .cannotOpen)
            #expect(error.message == "cannot open '\(path)': it is a folder, not a file")
        }
    }

    @Test func aMissingFolderIsNamed() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/missing/state.db"
            let error = try #require(throws: StoreError.self) { try Database.open(path: path) }
            #expect(error.code == .cannotOpen)
            #expect(error.message == "cannot open '\(path)': No such file or directory")
        }
    }

    // MARK: - Read-only

    @Test func aReadOnlyFolderIsReportedReadOnly() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            #expect(chmod(folder, 0o555) == 0)
            let result = Result(catching: { () throws(StoreError) in try Database.open(path: path) })
            if isRoot {
                // Root writes through permission bits, so the folder's mode
                // proves nothing here; the read-only tmpfs test covers root.
                _ = try result.get()
            } else {
                let error = try #require(throws: StoreError.self) { try result.get() }
                #expect(error.code == .readOnly)
                #expect(error.message == "cannot write '\(path)': Permission denied")
            }
        }
    }

    @Test func aReadOnlyFileIsReportedReadOnlyAtOpen() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT)")
            database.close()
            #expect(chmod(path, 0o444) == 0)
            let result = Result(catching: { () throws(StoreError) in try Database.open(path: path) })
            if isRoot {
                _ = try result.get() // as above: root writes through 0444
            } else {
                let error = try #require(throws: StoreError.self) { try result.get() }
                #expect(error.code == .readOnly)
                #expect(error.message == "'\(path)' is read-only: trawl cannot write its state there")
            }
        }
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "needs root to mount a tmpfs"))
    func aReadOnlyDiskIsReportedReadOnly() throws {
        try Tmpfs.withMounted(size: "1m") { disk in
            let existing = "\(disk)/state.db"
            let database = try Database.open(path: existing)
            try database.execute("CREATE TABLE t (v INT)")
            database.close()
            #expect(Tmpfs.remountReadOnly(disk))

            let opened = try #require(throws: StoreError.self) { try Database.open(path: existing) }
            #expect(opened.code == .readOnly)
            #expect(opened.message == "'\(existing)' is read-only: trawl cannot write its state there")

            let new = "\(disk)/new.db"
            let created = try #require(throws: StoreError.self) { try Database.open(path: new) }
            #expect(created.code == .readOnly)
            #expect(created.message == "cannot write '\(new)': Read-only file system")
            #expect(created.sqliteCode == 14) // SQLITE_CANTOPEN
        }
    }

    // MARK: - Busy

    @Test func aSecondWriterGetsAnotherProcessErrorAfterTheBusyTimeout() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let holder = try Database.open(path: path)
            try holder.execute("CREATE TABLE t (v INT)")
            try holder.execute("BEGIN IMMEDIATE")

            // Opening is reading, which WAL allows beside a writer.
            let waiter = try Database.open(path: path, busyTimeout: .milliseconds(200))
            let clock = ContinuousClock()
            let start = clock.now
            let error = try #require(throws: StoreError.self) {
                try waiter.transaction { try waiter.execute("INSERT INTO t VALUES (1)") }
            }
            let waited = clock.now - start
            #expect(error.code == .busy)
            #expect(error.message == "another process is using '\(path)'")
            #expect(error.sqliteCode == 5) // SQLITE_BUSY
            #expect(error.description == "another process is using '\(path)' (SQLite extended result code 5: database is locked)")
            #expect(waited >= .milliseconds(200))
            #expect(waited < .seconds(5))

            // Once the lock is released, the same connection writes.
            try holder.execute("COMMIT")
            try waiter.transaction { try waiter.execute("INSERT INTO t VALUES (1)") }
            #expect(try count(holder, "t") == 1)
        }
    }

    // MARK: - Disk full

    @Test func aFullDatabaseSaysDiskFullAndKeepsWhatWasCommitted() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE pages (body BLOB)")
            let insert = try database.prepare("INSERT INTO pages VALUES (?1)")
            try insert.bind([UInt8](repeating: 1, count: 1_000), at: 1)
            _ = try insert.step()
            // SQLite's own cap on the file's pages fails a write with
            // SQLITE_FULL exactly as a full disk does.
            try database.execute("PRAGMA max_page_count=16")

            let error = try #require(throws: StoreError.self) {
                try database.transaction {
                    for _ in 0..<100 {
                        try insert.bind([UInt8](repeating: 2, count: 10_000), at: 1)
                        _ = try insert.step()
                    }
                }
            }
            #expect(error.code == .diskFull)
            #expect(error.message == "disk full while writing '\(path)'")
            #expect(error.sqliteCode == 13) // SQLITE_FULL
            #expect(error.description == "disk full while writing '\(path)' (SQLite extended result code 13: database or disk is full)")
            #expect(try count(database, "pages") == 1)
            #expect(try database.integrityCheck() == [])
        }
    }

    @Test(.enabled(if: Tmpfs.isAvailable, "needs root to mount a tmpfs"))
    func aReallyFullDiskSaysDiskFull() throws {
        try Tmpfs.withMounted(size: "256k") { disk in
            let path = "\(disk)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE pages (body BLOB)")
            let insert = try database.prepare("INSERT INTO pages VALUES (?1)")
            var committed = 0
            let error = try #require(throws: StoreError.self) {
                for _ in 0..<1_000 {
                    try database.transaction {
                        try insert.bind([UInt8](repeating: 7, count: 8_000), at: 1)
                        _ = try insert.step()
                    }
                    committed += 1
                }
            }
            #expect(error.code == .diskFull)
            #expect(error.message == "disk full while writing '\(path)'")
            #expect(committed > 0)
            database.close()
            // Nothing committed was lost.
            let reopened = try Database.open(path: path)
            #expect(try count(reopened, "pages") == committed)
        }
    }

    // MARK: - Classification of every code

    @Test(arguments: [
        (13, .diskFull), (26, .notADatabase), (11, .corrupt), (522, .corrupt),
        (8, .readOnly), (1032, .readOnly), (5, .busy), (517, .busy), (6, .busy),
        (1550, .symbolicLink), (14, .cannotOpen), (10, .io), (19, .constraint), (18, .tooBig),
        (1, .sql), (21, .sql), (25, .sql), (7, .other), (4, .other),
    ] as [(Int32, StoreError.Code)])
    func resultCodesClassify(code: Int32, expected: StoreError.Code) {
        let error = StoreError(result: code, connection: nil, path: "OUT/state.db")
        #expect(error.code == expected)
        #expect(error.sqliteCode == Int(code))
        #expect(error.message.contains("'OUT/state.db'"))
        #expect(error.description.contains("SQLite extended result code \(code): "))
    }
}
