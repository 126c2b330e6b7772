/// Where one field of a CSV record lies in the file's bytes, without its
/// enclosing quotes. Kept as offsets so a million-row file is scanned
/// without a String per field; only the fields a caller asks for are decoded.
struct CSVField: Sendable, Equatable {
    var start: Int
    var end: Int
    /// The field was quoted and holds `""` pairs that stand for one `"`.
    var hasDoubledQuotes: Bool

    var isEmpty: Bool { start == end }
}
