/// The node log's lines (`GraphNodes`): `URL\t0` when a URL is first
/// seen, and `URL\t1\tSTATUS\tDEPTH\tBYTES\tFETCHED_AT\tCONTENT_TYPE\tERROR\tTITLE`
/// when it is first fetched. A normalized URL holds no tab or line break
/// (the URL parser strips them) and a tab sorts below every byte it can
/// hold, so the log sorted in byte order lists the nodes in URL order,
/// each node's lines together, its seen line before its fetched one.
///
/// A number is empty when nil. A text is empty when nil, else "=" and the
/// text with backslash, tab, CR and LF written `\\`, `\t`, `\r`, `\n`.
enum NodeRecord {
    static func line(url: String, info: GraphNodes.Info?) -> String {
        guard let info else { return url + "\t0" }
        var line = url + "\t1\t"
        if let status = info.status { line += String(status) }
        line += "\t\(info.depth)\t\(info.bytes)\t"
        if let fetchedAt = info.fetchedAt { line += String(fetchedAt) }
        for text in [info.contentType, info.error, info.title] {
            line += "\t"
            if let text { appendEscaped(text, to: &line) }
        }
        return line
    }

    /// The URL of a log line: its bytes up to the first tab.
    static func url(of line: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: line[..<(line.firstIndex(of: 0x09) ?? line.endIndex)])
    }

    /// What a fetched line says; nil for a seen line.
    static func info(of line: UnsafeRawBufferPointer) -> GraphNodes.Info? {
        guard let tab = line.firstIndex(of: 0x09), tab + 1 < line.count, line[tab + 1] == 0x31 else { return nil }
        let fields = line.split(separator: 0x09, maxSplits: 8, omittingEmptySubsequences: false)
        guard fields.count == 9, fields[1].elementsEqual([0x31]) else { return nil }
        return GraphNodes.Info(status: number(fields[2]), depth: number(fields[3]) ?? 0, title: text(fields[8]),
                               contentType: text(fields[6]), bytes: number(fields[4]) ?? 0, error: text(fields[7]),
                               fetchedAt: number(fields[5]).map(Int64.init))
    }

    private static func appendEscaped(_ text: String, to line: inout String) {
        line += "="
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            line += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": line += "\\\\"
            case "\t": line += "\\t"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default: line.unicodeScalars.append(scalar)
            }
        }
    }

    private static func text(_ field: Slice<UnsafeRawBufferPointer>) -> String? {
        guard field.first == UInt8(ascii: "=") else { return nil }
        let bytes = UnsafeRawBufferPointer(rebasing: field.dropFirst())
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: out.append(byte)
                }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A decimal this format wrote (an optional "-", then digits).
    private static func number(_ field: Slice<UnsafeRawBufferPointer>) -> Int? {
        guard let first = field.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        var value = 0
        for byte in negative ? field.dropFirst() : field[...] { value = value &* 10 &+ Int(byte &- 0x30) }
        return negative ? -value : value
    }
}
