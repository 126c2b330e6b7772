/// RFC 4180 fields: quoted only when they hold a comma, quote or line break
/// (normalized URLs rarely do, so most rows stay greppable).
public enum CSV {
    public static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func row(_ source: String, _ target: String) -> String {
        field(source) + "," + field(target)
    }

    /// Calls `body` with the two fields of one row written by `row`, as
    /// UTF-8 bytes; an unquoted row is split in place, without copies.
    static func splitRow(
        _ line: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        if !line.contains(0x22), let comma = line.firstIndex(of: 0x2C) {
            try body(UnsafeRawBufferPointer(rebasing: line[..<comma]), UnsafeRawBufferPointer(rebasing: line[(comma + 1)...]))
        } else if var (source, target) = parseRow(line) {
            try source.withUTF8 { source in
                try target.withUTF8 { target in try body(UnsafeRawBufferPointer(source), UnsafeRawBufferPointer(target)) }
            }
        }
    }

    /// Splits one row of two fields written by `row`, given as UTF-8 bytes.
    static func parseRow(_ line: UnsafeRawBufferPointer) -> (String, String)? {
        if !line.contains(0x22), let comma = line.firstIndex(of: 0x2C) {
            // Unquoted rows hold exactly one comma: `field` quotes any other.
            return (String(decoding: UnsafeRawBufferPointer(rebasing: line[..<comma]), as: UTF8.self),
                    String(decoding: UnsafeRawBufferPointer(rebasing: line[(comma + 1)...]), as: UTF8.self))
        }
        return parseRow(Substring(String(decoding: line, as: UTF8.self)))
    }

    /// Splits one row of two fields written by `row`.
    static func parseRow(_ line: Substring) -> (String, String)? {
        if !line.utf8.contains(0x22), let comma = line.firstIndex(of: ",") {
            // Unquoted rows hold exactly one comma: `field` quotes any other.
            return (String(line[..<comma]), String(line[line.index(after: comma)...]))
        }
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inQuotes {
                if character == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex && line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                inQuotes = true
            } else if character == "," {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
            index = line.index(after: index)
        }
        fields.append(current)
        return fields.count == 2 ? (fields[0], fields[1]) : nil
    }
}
