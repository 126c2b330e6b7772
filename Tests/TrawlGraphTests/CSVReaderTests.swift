import Testing
@testable import TrawlGraph

struct CSVReaderTests {
    /// Every record of `text`, decoded, with the line each starts on.
    static func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        try CSVReader.withReader(over: Array(text.utf8), fileName: "test.csv") { reader in
            var records: [(Int, [String])] = []
            while try reader.nextRecord() {
                records.append((reader.recordLine, reader.fields.indices.map(reader.string)))
            }
            return records
        }
    }

    static func error(_ text: String) -> GraphError? {
        #expect(throws: GraphError.self) { _ = try records(text) }
    }

    @Test func plainFieldsAndEmptyOnes() throws {
        let records = try Self.records("a,b,c\n1,,3\n,,\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "", "3"], ["", "", ""]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "url,title\n\"http://a/?q=1,2\",\"say \"\"hi\"\"\"\nx,\"two\nlines\"\ny,\"crlf\r\ninside\"\n\"\",\"\"\"\"\nlast,row\n"
        let records = try Self.records(text)
        #expect(records.map(\.fields) == [
            ["url", "title"], ["http://a/?q=1,2", "say \"hi\""], ["x", "two\nlines"], ["y", "crlf\r\ninside"], ["", "\""], ["last", "row"],
        ])
        // A quoted line break moves the following records down a line.
        #expect(records.map(\.line) == [1, 2, 3, 5, 7, 8])
    }

    @Test func crlfAndLoneCRAndNoFinalLineBreak() throws {
        let records = try Self.records("a,b\r\n1,2\r3,4\r\n5,6")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(records.map(\.line) == [1, 2, 3, 4])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let records = try Self.records("a,b\n\n\r\n1,2\n\n")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(records.map(\.line) == [1, 4])
    }

    @Test func trailingCommaEndsWithAnEmptyField() throws {
        #expect(try Self.records("a,").map(\.fields) == [["a", ""]])
        #expect(try Self.records("a,\nb,\"\"").map(\.fields) == [["a", ""], ["b", ""]])
    }

    @Test func byteOrderMarkIsNotData() throws {
        #expect(try Self.records("\u{FEFF}id,url\n").map(\.fields) == [["id", "url"]])
    }

    @Test func quoteInsideAnUnquotedFieldNamesItsLine() {
        let error = Self.error("a,b\n1,2\n3,x\"y\n")
        #expect(error?.code == .malformedLine)
        #expect(error?.message == "test.csv line 3: a quote inside an unquoted field (quote the whole field and double the quote)")
    }

    @Test func textAfterAClosingQuoteNamesItsLine() {
        let error = Self.error("a,b\n\"x\"y,2\n")
        #expect(error?.message == "test.csv line 2: text after a closing quote")
    }

    /// The record's first line, not the end of the file where the scan stopped.
    @Test func unclosedQuoteNamesTheLineItOpensOn() {
        let error = Self.error("a,b\n1,2\n3,\"never\nclosed\n4,5\n")
        #expect(error?.message == "test.csv line 3: a quoted field is never closed")
    }

    @Test func integersAreDecimalDigitsOnly() throws {
        try CSVReader.withReader(over: Array("12,,x7,-1,99999999999999999999\n".utf8), fileName: "n.csv") { (reader: inout CSVReader) throws in
            #expect(try reader.nextRecord())
            #expect(try reader.integer(0, column: "id") == 12)
            #expect(try reader.integer(1, column: "status") == nil)
            let letter = #expect(throws: GraphError.self) { _ = try reader.integer(2, column: "status") }
            #expect(letter?.message == "n.csv line 1: status 'x7' is not a non-negative integer")
            #expect(throws: GraphError.self) { _ = try reader.integer(3, column: "status") }
            let error = #expect(throws: GraphError.self) { _ = try reader.integer(4, column: "bytes") }
            #expect(error?.message == "n.csv line 1: bytes '99999999999999999999' is too large")
            let empty = #expect(throws: GraphError.self) { _ = try reader.requiredInteger(1, column: "source_id") }
            #expect(empty?.message == "n.csv line 1: source_id is empty")
        }
    }
}
