/// A CSV file's header line: where each column the reader needs is, found by
/// name so that a writer adding a column later does not break the reader.
struct CSVHeader {
    /// How many fields every record must have.
    let fieldCount: Int
    private let indexByName: [String: Int]

    /// Reads the first record of `reader` as the header and checks that it
    /// names every one of `required`.
    init(reading reader: inout CSVReader, required: [String]) throws {
        guard try reader.nextRecord() else {
            throw GraphError.malformed(reader.fileName, line: 1, "the file is empty; expected the header \(required.joined(separator: ","))")
        }
        var indexByName: [String: Int] = [:]
        for index in reader.fields.indices where indexByName[reader.string(index)] == nil {
            indexByName[reader.string(index)] = index
        }
        let missing = required.filter { indexByName[$0] == nil }
        guard missing.isEmpty else {
            throw reader.malformed("the header lacks \(missing.joined(separator: ", ")); expected \(required.joined(separator: ","))")
        }
        self.fieldCount = reader.fields.count
        self.indexByName = indexByName
    }

    /// The column's field index. Only names passed as `required` are asked
    /// for, and `init` checked that each of those is there.
    subscript(name: String) -> Int { indexByName[name]! }
}
