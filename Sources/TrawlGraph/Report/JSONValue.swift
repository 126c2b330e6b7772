/// A JSON document whose objects keep their keys in the order written, so
/// `trawl graph --json` reads the same on every run (JSONSerialization and
/// JSONEncoder promise no order). Written with two-space indentation, an
/// object of only plain values on one line.
enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case null

    static func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    private var isScalar: Bool {
        switch self {
        case .object, .array: false
        case .string, .int, .double, .null: true
        }
    }

    var serialized: String {
        var text = ""
        write(to: &text, indent: "")
        return text
    }

    private func write(to text: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .object(let members):
            guard !members.isEmpty else { text += "{}"; return }
            if members.allSatisfy({ $0.1.isScalar }) {
                // A record of plain values (a histogram bucket, a top-list
                // row) reads best on one line.
                text += "{"
                for (index, (key, value)) in members.enumerated() {
                    if index > 0 { text += ", " }
                    Self.writeString(key, to: &text)
                    text += ": "
                    value.write(to: &text, indent: inner)
                }
                text += "}"
                return
            }
            text += "{\n"
            for (index, (key, value)) in members.enumerated() {
                text += inner
                Self.writeString(key, to: &text)
                text += ": "
                value.write(to: &text, indent: inner)
                text += index == members.count - 1 ? "\n" : ",\n"
            }
            text += indent + "}"
        case .array(let elements):
            guard !elements.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, element) in elements.enumerated() {
                text += inner
                element.write(to: &text, indent: inner)
                text += index == elements.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .string(let string):
            Self.writeString(string, to: &text)
        case .int(let number):
            text += String(number)
        case .double(let number):
            // Swift prints the shortest text that reads back as the same
            // Double ("0.1", "1e-12"), all valid JSON numbers; JSON has no
            // infinity or NaN.
            text += number.isFinite ? String(number) : "null"
        case .null:
            text += "null"
        }
    }

    /// RFC 8259: quote, backslash and control characters escaped.
    private static func writeString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
