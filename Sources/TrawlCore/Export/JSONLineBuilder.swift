/// Builds one JSON object as text, keys in insertion order. Hand-written
/// because pages.jsonl is written once per page on the crawl's hot path,
/// where JSONEncoder's reflection costs more than the line is worth.
struct JSONLineBuilder {
    private var text = "{"
    private var first = true

    mutating func add(_ key: String, _ value: String?) {
        appendKey(key)
        if let value { Self.appendQuoted(value, to: &text) } else { text += "null" }
    }

    mutating func add(_ key: String, _ value: Int?) {
        appendKey(key)
        if let value { text += String(value) } else { text += "null" }
    }

    mutating func add(_ key: String, _ value: Double) {
        appendKey(key)
        text += value.isFinite ? String(value) : "null"
    }

    mutating func finish() -> String {
        text += "}"
        return text
    }

    private mutating func appendKey(_ key: String) {
        if !first { text += "," }
        first = false
        Self.appendQuoted(key, to: &text)
        text += ":"
    }

    /// RFC 8259 string escaping: quote, backslash and control characters.
    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        var plainStart = value.unicodeScalars.startIndex
        let scalars = value.unicodeScalars
        var index = plainStart
        while index != scalars.endIndex {
            let scalar = scalars[index]
            let escape: String?
            switch scalar {
            case "\"": escape = "\\\""
            case "\\": escape = "\\\\"
            case "\n": escape = "\\n"
            case "\r": escape = "\\r"
            case "\t": escape = "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escape = nil
            }
            if let escape {
                text.unicodeScalars.append(contentsOf: scalars[plainStart..<index])
                text += escape
                plainStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        text.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        text += "\""
    }
}
