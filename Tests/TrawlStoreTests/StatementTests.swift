import Testing
@testable import TrawlStore

struct StatementTests {
    // MARK: - Round trips of every type

    @Test func integersRoundTripAtTheirLimits() throws {
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            let stored = try roundTrip { try $0.bind(value, at: 1) } read: { $0.int64(column: 0) }
            #expect(stored.value == value)
            #expect(stored.type == "integer")
        }
        let stored = try roundTrip { try $0.bind(Int.max, at: 1) } read: { $0.int(column: 0) }
        #expect(stored.value == Int.max)
    }

    @Test func doublesRoundTripExactly() throws {
        for value in [Double.pi, -0.5, 1e300, -Double.infinity, Double.leastNonzeroMagnitude] {
            let stored = try roundTrip { try $0.bind(value, at: 1) } read: { $0.double(column: 0) }
            #expect(stored.value == value)
            #expect(stored.type == "real")
        }
    }

    @Test func textRoundTripsNonASCIIAndEmbeddedNULs() throws {
        for value in ["https://example.com/a?b=c", "héllo wörld — 世界 🕸️", "a\u{0}b\u{0}", "\u{0}"] {
            let stored = try roundTrip { try $0.bind(value, at: 1) } read: { $0.text(column: 0) }
            #expect(stored.value == value)
            #expect(stored.type == "text")
        }
    }

    @Test func emptyStringIsTextNotNull() throws {
        let stored = try roundTrip { try $0.bind("", at: 1) } read: { ($0.text(column: 0), $0.isNull(column: 0)) }
        #expect(stored.value.0 == "")
        #expect(stored.value.1 == false)
        #expect(stored.type == "text")
    }

    @Test func blobsRoundTripWithEmbeddedNULs() throws {
        for value: [UInt8] in [[0], [0, 0, 0], [1, 0, 2, 0, 255], Array(0...255)] {
            let stored = try roundTrip { try $0.bind(value, at: 1) } read: { $0.blob(column: 0) }
            #expect(stored.value == value)
            #expect(stored.type == "blob")
        }
    }

    @Test func emptyBlobIsBlobNotNull() throws {
        let stored = try roundTrip { try $0.bind([UInt8](), at: 1) } read: { ($0.blob(column: 0), $0.isNull(column: 0)) }
        #expect(stored.value.0 == [])
        #expect(stored.value.1 == false)
        #expect(stored.type == "blob")
    }

    @Test func oneMegabyteBlobRoundTrips() throws {
        var generator = SystemRandomNumberGenerator()
        let value = (0..<1_048_576).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let stored = try roundTrip { try $0.bind(value, at: 1) } read: { $0.blob(column: 0) }
        #expect(stored.value == value)
        #expect(stored.type == "blob")
    }

    @Test func nullReadsAsNilOrZeroFromEveryGetter() throws {
        let stored = try roundTrip { try $0.bindNull(at: 1) } read: { statement in
            (statement.isNull(column: 0), statement.text(column: 0), statement.blob(column: 0),
             statement.int64(column: 0), statement.double(column: 0))
        }
        #expect(stored.value.0 == true)
        #expect(stored.value.1 == nil)
        #expect(stored.value.2 == nil)
        #expect(stored.value.3 == 0)
        #expect(stored.value.4 == 0)
        #expect(stored.type == "null")
    }

    @Test func bindingAgainReplacesTheValue() throws {
        let stored = try roundTrip { statement in
            try statement.bind("first", at: 1)
            try statement.bind(42, at: 1)
        } read: { $0.int64(column: 0) }
        #expect(stored.value == 42)
        #expect(stored.type == "integer")
    }

    // MARK: - Reuse

    @Test func onePreparedInsertServesManyRows() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY, depth INT, state INT)")
            let insert = try database.prepare("INSERT INTO frontier (url, depth, state) VALUES (?1, ?2, ?3)")
            #expect(insert.parameterCount == 3)
            try database.transaction {
                for index in 0..<10_000 {
                    try insert.bind("https://example.com/\(index)", at: 1)
                    try insert.bind(index % 7, at: 2)
                    try insert.bind(index % 3, at: 3)
                    #expect(try insert.step() == false)
                }
            }
            let sums = try database.prepare("SELECT count(*), sum(depth), sum(state) FROM frontier")
            #expect(sums.columnCount == 3)
            #expect(try sums.step() == true)
            #expect(sums.int(column: 0) == 10_000)
            #expect(sums.int(column: 1) == (0..<10_000).reduce(0) { $0 + $1 % 7 })
            #expect(sums.int(column: 2) == (0..<10_000).reduce(0) { $0 + $1 % 3 })
        }
    }

    @Test func aFinishedQueryRunsAgainWithoutReset() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE t (v INT); INSERT INTO t VALUES (1), (2), (3)")
            let select = try database.prepare("SELECT v FROM t WHERE v >= ?1 ORDER BY v")
            try select.bind(2, at: 1)
            #expect(try readAll(select) == [2, 3])
            // Bindings survive the automatic reset.
            #expect(try readAll(select) == [2, 3])
            try select.bind(3, at: 1)
            #expect(try readAll(select) == [3])
        }
    }

    @Test func resetAbandonsRowsNotYetRead() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE t (v INT); INSERT INTO t VALUES (1), (2), (3)")
            let select = try database.prepare("SELECT v FROM t ORDER BY v")
            #expect(try select.step() == true)
            #expect(select.int(column: 0) == 1)
            select.reset()
            #expect(try readAll(select) == [1, 2, 3])
        }
    }

    @Test func clearBindingsSetsParametersToNull() throws {
        let stored = try roundTrip { statement in
            try statement.bind("value", at: 1)
            statement.clearBindings()
        } read: { $0.isNull(column: 0) }
        #expect(stored.value == true)
    }

    @Test func aStatementStaysUsableAfterAConstraintFailure() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY)")
            let insert = try database.prepare("INSERT INTO frontier (url) VALUES (?1)")
            try insert.bind("https://a.example/", at: 1)
            _ = try insert.step()
            let error = try #require(throws: StoreError.self) { _ = try insert.step() }
            #expect(error.code == .constraint)
            #expect(error.message == "a row broke a constraint of '\(path)'")
            #expect(error.sqliteCode == 1555) // SQLITE_CONSTRAINT_PRIMARYKEY
            #expect(error.detail == "UNIQUE constraint failed: frontier.url")
            try insert.bind("https://b.example/", at: 1)
            #expect(try insert.step() == false)
            #expect(try count(database, "frontier") == 2)
        }
    }

    @Test func changesTellsANewRowFromAnIgnoredDuplicate() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE frontier (url TEXT PRIMARY KEY)")
            let insert = try database.prepare("INSERT OR IGNORE INTO frontier (url) VALUES (?1)")
            var changes: [Int] = []
            for url in ["https://a.example/", "https://b.example/", "https://a.example/"] {
                try insert.bind(url, at: 1)
                _ = try insert.step()
                changes.append(database.changes)
            }
            #expect(changes == [1, 1, 0])
        }
    }

    // MARK: - Misuse

    @Test func aParameterOutOfRangeIsAnSQLError() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            let select = try database.prepare("SELECT ?1")
            for parameter in [0, 2, Int.max] {
                let error = try #require(throws: StoreError.self) { try select.bind(1, at: parameter) }
                #expect(error.code == .sql)
                #expect(error.message == "SQL failed on '\(path)'")
                #expect(error.sqliteCode == 25) // SQLITE_RANGE
                #expect(error.detail == "column index out of range")
            }
        }
    }

    @Test func prepareRefusesBadSQLNamingTheFile() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            let missing = try #require(throws: StoreError.self) { try database.prepare("SELECT * FROM frontier") }
            #expect(missing.code == .sql)
            #expect(missing.sqliteCode == 1)
            #expect(missing.description == "SQL failed on '\(path)' (SQLite extended result code 1: no such table: frontier)")

            let empty = try #require(throws: StoreError.self) { try database.prepare("  -- nothing\n") }
            #expect(empty.code == .sql)
            #expect(empty.detail == "no SQL statement in \"  -- nothing\n\"")
        }
    }

    @Test func prepareRefusesASecondStatementItWouldIgnore() throws {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE t (v INT)")
            let error = try #require(throws: StoreError.self) {
                try database.prepare("INSERT INTO t VALUES (1); DELETE FROM t")
            }
            #expect(error.code == .sql)
            #expect(error.detail == "prepare takes one statement; \"DELETE FROM t\" would be ignored (use execute for several)")
            // A trailing semicolon and blank space are not a second statement.
            _ = try database.prepare("INSERT INTO t VALUES (1);  \n")
        }
    }

    @Test func aStatementOfAClosedDatabaseThrowsClosed() throws {
        try withTemporaryFolder { folder in
            let path = "\(folder)/state.db"
            let database = try Database.open(path: path)
            try database.execute("CREATE TABLE t (v INT)")
            let insert = try database.prepare("INSERT INTO t VALUES (?1)")
            database.close()
            let bind = try #require(throws: StoreError.self) { try insert.bind(1, at: 1) }
            #expect(bind.code == .closed)
            #expect(bind.message == "'\(path)' was used after it was closed")
            let step = try #require(throws: StoreError.self) { _ = try insert.step() }
            #expect(step.code == .closed)
            insert.reset()
            insert.clearBindings()
        }
    }

    // MARK: - Helpers

    /// Binds with `bind` into `INSERT INTO t VALUES (?1)` on a fresh file, and
    /// reads the row back with `read`, with SQLite's `typeof()` of the stored
    /// value (a column without a declared type keeps what was bound).
    private func roundTrip<T>(
        _ bind: (Statement) throws -> Void, read: (Statement) -> T
    ) throws -> (value: T, type: String) {
        try withTemporaryFolder { folder in
            let database = try Database.open(path: "\(folder)/state.db")
            try database.execute("CREATE TABLE t (v)")
            let insert = try database.prepare("INSERT INTO t VALUES (?1)")
            try bind(insert)
            #expect(try insert.step() == false)
            // Read through a second connection: the value came from the file.
            database.close()
            let reopened = try Database.open(path: "\(folder)/state.db")
            let select = try reopened.prepare("SELECT v, typeof(v) FROM t")
            #expect(try select.step() == true)
            let result = (read(select), select.text(column: 1) ?? "")
            #expect(try select.step() == false)
            return result
        }
    }

    private func readAll(_ statement: Statement) throws -> [Int] {
        var values: [Int] = []
        while try statement.step() { values.append(statement.int(column: 0)) }
        return values
    }
}
