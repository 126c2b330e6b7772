import TrawlStore

/// Rows in `table`.
func count(_ database: Database, _ table: String) throws -> Int {
    let statement = try database.prepare("SELECT count(*) FROM \(table)")
    _ = try statement.step()
    return statement.int(column: 0)
}
