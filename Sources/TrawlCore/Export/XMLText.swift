/// Escaping for GraphML: the five XML entities, and characters XML 1.0 does
/// not allow (C0 controls but tab/LF/CR) dropped, since page titles can hold
/// anything.
enum XMLText: TextEscaping {
    static func escape(_ value: String) -> String {
        // Normalized URLs almost never need escaping: skip the rebuild.
        guard value.utf8.contains(where: needsEscaping) else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Bytes that may change under `escape`: the entities, C0 controls, and
    /// 0xEF, the lead byte of U+FFFE and U+FFFF in UTF-8.
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 || byte == 0xEF
    }
}
