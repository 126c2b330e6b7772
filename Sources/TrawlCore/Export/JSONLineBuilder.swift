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

    mutating func add(_ key: String, _ value: Bool) {
        appendKey(key)
        text += value ? "true" : "false"
    }

    mutating func add(_ key: String, _ value: Double) {
        appendKey(key)
        text += value.isFinite ? String(value) : "null"
    }

    /// `key` with `json`, already JSON text.
    mutating func addRaw(_ key: String, _ json: String) {
        appendKey(key)
        text += json
    }

    /// `key` with an array of objects, each built by `build`.
    mutating func addArray<Element>(_ key: String, _ elements: [Element], _ build: (Element, inout JSONLineBuilder) -> Void) {
        appendKey(key)
        text += "["
        for (index, element) in elements.enumerated() {
            if index > 0 { text += "," }
            var object = JSONLineBuilder()
            build(element, &object)
            text += object.finish()
        }
        text += "]"
    }

    /// `key` with an object built by `build`, or null.
    mutating func addObject<Value>(_ key: String, _ value: Value?, _ build: (Value, inout JSONLineBuilder) -> Void) {
        appendKey(key)
        guard let value else {
            text += "null"
            return
        }
        var object = JSONLineBuilder()
        build(value, &object)
        text += object.finish()
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
    /// Works on UTF-8 bytes: every byte that needs escaping is ASCII, and
    /// multi-byte sequences never contain ASCII bytes.
    static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        guard value.utf8.contains(where: needsEscape) else {
            text += value
            text += "\""
            return
        }
        var value = value
        value.withUTF8 { bytes in
            var plainStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard needsEscape(byte) else { continue }
                if plainStart < index {
                    text += String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart..<index]), as: UTF8.self)
                }
                text += escape(byte)
                plainStart = index + 1
            }
            if plainStart < bytes.count {
                text += String(decoding: UnsafeBufferPointer(rebasing: bytes[plainStart...]), as: UTF8.self)
            }
        }
        text += "\""
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case 0x22: return "\\\""
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        default:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
