/// Decoding the fields of the current record, on demand.
extension CSVReader {
    /// The field's text, its doubled quotes undone. Invalid UTF-8 is
    /// replaced (U+FFFD) rather than refused: a URL is still worth showing.
    func string(_ index: Int) -> String {
        let field = fields[index]
        let raw = UnsafeRawBufferPointer(rebasing: bytes[field.start..<field.end])
        guard field.hasDoubledQuotes else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(raw.count)
        var previousWasKeptQuote = false
        for byte in raw {
            // Of each `""` pair keep the first quote, drop the second.
            if byte == .quote && previousWasKeptQuote {
                previousWasKeptQuote = false
                continue
            }
            previousWasKeptQuote = byte == .quote
            unescaped.append(byte)
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The field as a non-negative decimal integer, nil when empty.
    /// `column` names the field in the error for anything else.
    func integer(_ index: Int, column: String) throws -> Int? {
        let field = fields[index]
        guard !field.isEmpty else { return nil }
        var value = 0
        for offset in field.start..<field.end {
            let digit = bytes[offset] &- UInt8(ascii: "0")
            guard digit < 10 else { throw malformed("\(column) '\(string(index))' is not a non-negative integer") }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(Int(digit))
            guard !overflow1 && !overflow2 else { throw malformed("\(column) '\(string(index))' is too large") }
            value = sum
        }
        return value
    }

    /// The field as a required integer: empty is an error too.
    func requiredInteger(_ index: Int, column: String) throws -> Int {
        guard let value = try integer(index, column: column) else { throw malformed("\(column) is empty") }
        return value
    }

    /// Every record of a file has as many fields as its header.
    func requireFieldCount(_ count: Int) throws {
        guard fields.count == count else {
            throw malformed("expected \(count) fields, found \(fields.count)")
        }
    }
}
