import Foundation

/// Reads RFC 4180 CSV from a file's bytes, one record at a time: fields are
/// separated by commas, records by CRLF, LF or CR; a field holding a comma,
/// quote or line break is enclosed in quotes, its quotes doubled. Blank lines
/// are skipped. Anything else (a quote inside an unquoted field, text after a
/// closing quote, a quote never closed) is an error naming the file and the
/// line on which the record starts.
///
/// Scans bytes rather than splitting Strings: edges-ids.csv has a row per
/// link, millions in a large crawl, and only a few columns are ever decoded.
/// It reads the file's bytes in place, so it exists only inside
/// `withReader(over:)` and is not Sendable.
struct CSVReader {
    let bytes: UnsafeRawBufferPointer
    /// Names the file in errors ("nodes.csv line 12: ...").
    let fileName: String
    /// The fields of the record `nextRecord()` last read; reused between
    /// records so scanning allocates nothing per row.
    private(set) var fields: [CSVField] = []
    /// The 1-based line on which that record starts (a quoted line break
    /// makes a record span several lines).
    private(set) var recordLine = 0

    private var position = 0
    private var line = 1

    /// Runs `body` with a reader over `bytes`, which it reads without a
    /// copy: a large crawl's edges-ids.csv is hundreds of megabytes.
    static func withReader<Result>(
        over bytes: some ContiguousBytes, fileName: String, _ body: (inout CSVReader) throws -> Result
    ) rethrows -> Result {
        try bytes.withUnsafeBytes { bytes in
            var reader = CSVReader(bytes: bytes, fileName: fileName)
            return try body(&reader)
        }
    }

    private init(bytes: UnsafeRawBufferPointer, fileName: String) {
        self.bytes = bytes
        self.fileName = fileName
        // A UTF-8 byte order mark is not part of the first field.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Reads the next record into `fields`; false at the end of the file.
    mutating func nextRecord() throws -> Bool {
        fields.removeAll(keepingCapacity: true)
        while position < bytes.count, bytes[position] == .lineFeed || bytes[position] == .carriageReturn {
            consumeLineBreak()
        }
        guard position < bytes.count else { return false }
        recordLine = line
        while true {
            let field = bytes[position] == .quote ? try quotedField() : try unquotedField()
            fields.append(field)
            guard position < bytes.count else { return true }
            if bytes[position] == .comma {
                position += 1
                if position == bytes.count {
                    // A comma at the very end still separates a last, empty field.
                    fields.append(CSVField(start: position, end: position, hasDoubledQuotes: false))
                    return true
                }
            } else {
                consumeLineBreak()
                return true
            }
        }
    }

    /// Stops at the comma, line break or end of file after the field.
    private mutating func unquotedField() throws -> CSVField {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == .comma || byte == .lineFeed || byte == .carriageReturn { break }
            if byte == .quote { throw malformed("a quote inside an unquoted field (quote the whole field and double the quote)") }
            position += 1
        }
        return CSVField(start: start, end: position, hasDoubledQuotes: false)
    }

    /// Starts at the opening quote; stops just past the closing one, which
    /// must be followed by a comma, a line break or the end of the file.
    private mutating func quotedField() throws -> CSVField {
        position += 1
        let start = position
        var hasDoubledQuotes = false
        while true {
            guard position < bytes.count else { throw malformed("a quoted field is never closed") }
            let byte = bytes[position]
            if byte == .quote {
                guard position + 1 < bytes.count, bytes[position + 1] == .quote else { break }
                hasDoubledQuotes = true
                position += 2
                continue
            }
            if byte == .lineFeed || (byte == .carriageReturn && !(position + 1 < bytes.count && bytes[position + 1] == .lineFeed)) {
                line += 1
            }
            position += 1
        }
        let field = CSVField(start: start, end: position, hasDoubledQuotes: hasDoubledQuotes)
        position += 1
        if position < bytes.count {
            let byte = bytes[position]
            guard byte == .comma || byte == .lineFeed || byte == .carriageReturn else {
                throw malformed("text after a closing quote")
            }
        }
        return field
    }

    /// CRLF counts as one line break, as does a lone LF or CR.
    private mutating func consumeLineBreak() {
        if bytes[position] == .carriageReturn, position + 1 < bytes.count, bytes[position + 1] == .lineFeed {
            position += 1
        }
        position += 1
        line += 1
    }

    /// An error naming this file and the current record's line.
    func malformed(_ problem: String) -> GraphError {
        GraphError.malformed(fileName, line: recordLine, problem)
    }
}

extension UInt8 {
    static let comma = UInt8(ascii: ",")
    static let quote = UInt8(ascii: "\"")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
}
