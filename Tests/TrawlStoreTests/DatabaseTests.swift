import Foundation
import Testing
@testable import TrawlStore

struct DatabaseTests {
    @Test func openCreatesAFileInWriteAheadLogMode() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            #expect(!FileManager.default.fileExists(atPath: path))
            let database = try Database.open(path: path)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try database.journalMode() == "wal")
            #expect(try pragma(database, "synchronous") == 1) // NORMAL
            #expect(try pragma(database, "foreign_keys") == 0)
            #expect(try pragma(database, "busy_timeout") == 5000)
        }
    }

    @Test func writeAheadLoggingPersistsInTheFile() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT)")
            database.close()
            #expect(!FileManager.default.fileExists(atPath: "\(path)-wal")) // checkpointed and removed at close
            // The header's write and read format versions (offsets 18, 19)
            // are 2 for WAL, 1 for a rollback journal.
            let header = try #require(FileManager.default.contents(atPath: path))
            #expect(header.prefix(16) == Data("SQLite format 3\u{0}".utf8))
            #expect(Array(header[18...19]) == [2, 2])
        }
    }

    @Test func busyTimeoutIsTheOneAskedFor() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db", busyTimeout: .milliseconds(250))
            #expect(try pragma(database, "busy_timeout") == 250)
        }
    }

    @Test func userVersionRoundTripsAndPersists() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            #expect(try database.userVersion() == 0)
            try database.setUserVersion(3)
            #expect(try database.userVersion() == 3)
            database.close()

            let reopened = try Database.open(path: path)
            #expect(try reopened.userVersion() == 3)
            for version in [Int32.min, -1, Int32.max] {
                try reopened.setUserVersion(version)
                #expect(try reopened.userVersion() == version)
            }
        }
    }

    @Test func userVersionSetInARolledBackTransactionIsUndone() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.setUserVersion(1)
            #expect(throws: Abandon.self) {
                try database.transaction {
                    try database.setUserVersion(2)
                    throw Abandon()
                }
            }
            #expect(try database.userVersion() == 1)
        }
    }

    @Test func aTransactionCommitsAndReturnsItsBodysResult() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT)")
            let result = try database.transaction {
                try database.execute("INSERT INTO t VALUES (1), (2)")
                return "done"
            }
            #expect(result == "done")
            database.close()
            #expect(try count(Database.open(path: path), "t") == 2)
        }
    }

    @Test func aTransactionRolledBackOnThrowLeavesNothing() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT); INSERT INTO t VALUES (0)")
            let insert = try database.prepare("INSERT INTO t VALUES (?1)")
            #expect(throws: Abandon.self) {
                try database.transaction {
                    for value in 1...100 {
                        try insert.bind(value, at: 1)
                        _ = try insert.step()
                    }
                    try database.execute("CREATE TABLE u (v INT)")
                    throw Abandon()
                }
            }
            #expect(try count(database, "t") == 1)
            #expect(throws: StoreError.self) { try count(database, "u") }
            // Nothing left open: the next transaction begins and commits.
            try database.transaction { try database.execute("INSERT INTO t VALUES (1)") }
            database.close()
            #expect(try count(Database.open(path: path), "t") == 2)
        }
    }

    @Test func transactionsDoNotNest() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT)")
            let error = try #require(throws: StoreError.self) {
                try database.transaction {
                    try database.execute("INSERT INTO t VALUES (1)")
                    try database.transaction {}
                }
            }
            #expect(error.code == .sql)
            #expect(error.detail == "cannot start a transaction within a transaction")
            #expect(try count(database, "t") == 0)
        }
    }

    @Test func integrityCheckOfASoundFileFindsNothing() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE t (url TEXT PRIMARY KEY, depth INT)")
            try database.transaction {
                let insert = try database.prepare("INSERT INTO t VALUES (?1, ?2)")
                for index in 0..<1_000 {
                    try insert.bind("https://example.com/\(index)", at: 1)
                    try insert.bind(index, at: 2)
                    _ = try insert.step()
                }
            }
            #expect(try database.integrityCheck() == [])
        }
    }

    @Test func aLinkedFolderOnTheWayIsFollowed() throws {
        // Only a link at the file itself is refused (see StorePath).
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: "\(folder)/real", withIntermediateDirectories: false)
            try FileManager.default.createSymbolicLink(atPath: "\(folder)/linked", withDestinationPath: "real")
            let database = try Database.open(path: "\(folder)/linked/state.db")
            try database.execute("CREATE TABLE t (v INT)")
            #expect(FileManager.default.fileExists(atPath: "\(folder)/real/state.db"))
        }
    }

    @Test func closeIsIdempotentAndLaterCallsThrowClosed() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            #expect(database.isOpen)
            database.close()
            database.close()
            #expect(!database.isOpen)
            #expect(database.changes == 0)
            let error = try #require(throws: StoreError.self) { try database.execute("SELECT 1") }
            #expect(error.code == .closed)
            #expect(error.description == "'\(path)' was used after it was closed")
            #expect(throws: StoreError.self) { try database.prepare("SELECT 1") }
        }
    }

    // MARK: - Helpers

    struct Abandon: Error {}

    private func pragma(_ database: Database, _ name: String) throws -> Int64 {
        let statement = try database.prepare("PRAGMA \(name)")
        _ = try statement.step()
        return statement.int64(column: 0)
    }
}
