/// The HTML standard's "prescan a byte stream to determine its encoding":
/// finds `<meta charset=…>` or `<meta http-equiv="content-type"
/// content="…charset=…">` in the first bytes of a page, skipping comments
/// and the attributes of other tags the way a browser does.
///
/// https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding
struct MetaCharsetPrescan {
    /// Browsers look no further than this.
    static let limit = 1024

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    // Reused for every attribute, so a prescan allocates twice, not per attribute.
    private var name: [UInt8] = []
    private var value: [UInt8] = []

    init(_ html: UnsafeRawBufferPointer) {
        bytes = UnsafeRawBufferPointer(rebasing: html.prefix(Self.limit))
        name.reserveCapacity(32)
        value.reserveCapacity(64)
    }

    /// The WHATWG name of the declared encoding, or nil when none is found.
    mutating func run() -> String? {
        while position < bytes.count {
            if matches("<!--") {
                skipComment()
            } else if matchesMetaStart() {
                position += 6
                if let encoding = scanMetaAttributes() { return encoding }
            } else if matches("<"), isTagStart(at: position + 1) {
                skipToWhitespaceOrGreaterThan()
                while nextAttribute() {}
            } else if matches("<!") || matches("</") || matches("<?") {
                skipPast(UInt8(ascii: ">"))
                continue
            }
            position += 1
        }
        return nil
    }

    // MARK: - The meta element

    /// Runs the spec's attribute loop for one `<meta>`; returns its encoding
    /// if the element declares a usable one.
    private mutating func scanMetaAttributes() -> String? {
        var seen: Set<[UInt8]> = []
        var gotPragma = false
        var needPragma: Bool?
        var charset: String??  // nil: not set yet; .some(nil): set to "failure"
        while nextAttribute() {
            guard seen.insert(name).inserted else { continue }
            if Self.equals(name, "http-equiv") {
                if Self.equals(value, "content-type") { gotPragma = true }
            } else if Self.equals(name, "content"), charset == nil {
                // Unlike the charset attribute, an unknown label here leaves
                // charset unset rather than failed.
                if let label = Self.charsetInContent(value),
                   let encoding = label.withUnsafeBufferPointer(EncodingLabel.encoding(forLabel:)) {
                    charset = .some(encoding)
                    needPragma = true
                }
            } else if Self.equals(name, "charset"), charset == nil {
                charset = .some(value.withUnsafeBufferPointer(EncodingLabel.encoding(forLabel:)))
                needPragma = false
            }
        }
        guard let needPragma, !needPragma || gotPragma, let found = charset, let encoding = found else {
            return nil
        }
        // A page that managed to say "UTF-16" in ASCII is not UTF-16.
        switch encoding {
        case "utf-16be", "utf-16le": return "utf-8"
        case "x-user-defined": return "windows-1252"
        default: return encoding
        }
    }

    /// "Extract a character encoding from a meta element" for a lower-cased
    /// `content` value: the label after `charset=`, maybe quoted.
    static func charsetInContent(_ content: [UInt8]) -> [UInt8]? {
        let key = Array("charset".utf8)
        var index = 0
        while index + key.count <= content.count {
            guard content[index..<(index + key.count)].elementsEqual(key) else {
                index += 1
                continue
            }
            index += key.count
            while index < content.count, ASCII.isWhitespace(content[index]) { index += 1 }
            guard index < content.count, content[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < content.count, ASCII.isWhitespace(content[index]) { index += 1 }
            guard index < content.count else { return nil }
            let first = content[index]
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                guard let close = content[(index + 1)...].firstIndex(of: first) else { return nil }
                return Array(content[(index + 1)..<close])
            }
            let end = content[index...].firstIndex { ASCII.isWhitespace($0) || $0 == UInt8(ascii: ";") }
            return Array(content[index..<(end ?? content.count)])
        }
        return nil
    }

    // MARK: - Attributes

    /// The spec's "get an attribute": fills `name` and `value` (both
    /// lower-cased) and returns true, or returns false at `>` or the end.
    private mutating func nextAttribute() -> Bool {
        name.removeAll(keepingCapacity: true)
        value.removeAll(keepingCapacity: true)
        while let byte = current, ASCII.isWhitespace(byte) || byte == UInt8(ascii: "/") { position += 1 }
        guard let first = current, first != UInt8(ascii: ">") else { return false }
        // The name, up to `=`, whitespace, `/` or `>`.
        while let byte = current {
            if byte == UInt8(ascii: "="), !name.isEmpty { break }
            if ASCII.isWhitespace(byte) {
                while let space = current, ASCII.isWhitespace(space) { position += 1 }
                guard current == UInt8(ascii: "=") else { return current != nil }
                break
            }
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">") { return true }
            name.append(ASCII.lowercased(byte))
            position += 1
        }
        guard current != nil else { return false }
        position += 1  // the `=`
        while let byte = current, ASCII.isWhitespace(byte) { position += 1 }
        guard let start = current else { return false }
        if start == UInt8(ascii: "\"") || start == UInt8(ascii: "'") {
            position += 1
            while let byte = current {
                position += 1
                if byte == start { return true }
                value.append(ASCII.lowercased(byte))
            }
            return false
        }
        while let byte = current, !ASCII.isWhitespace(byte), byte != UInt8(ascii: ">") {
            value.append(ASCII.lowercased(byte))
            position += 1
        }
        return current != nil
    }

    // MARK: - Moving through the bytes

    private var current: UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// Whether the bytes at `position` are `literal`, ignoring ASCII case
    /// (`literal` is lower-case).
    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        for offset in 0..<count where ASCII.lowercased(bytes[position + offset]) != literal.utf8Start[offset] {
            return false
        }
        return true
    }

    /// `<meta` in any case, then whitespace or `/`.
    private func matchesMetaStart() -> Bool {
        guard matches("<meta"), position + 5 < bytes.count else { return false }
        let next = bytes[position + 5]
        return ASCII.isWhitespace(next) || next == UInt8(ascii: "/")
    }

    /// Compares an already lower-cased name or value with a literal.
    private static func equals(_ bytes: [UInt8], _ literal: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { ASCII.equalsIgnoringCase($0, literal) }
    }

    /// A letter, alone or after `/`, opens a tag whose attributes are skipped.
    private func isTagStart(at index: Int) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool { ASCII.lowercased(byte) &- 0x61 < 26 }
        guard index < bytes.count else { return false }
        if isLetter(bytes[index]) { return true }
        return bytes[index] == UInt8(ascii: "/") && index + 1 < bytes.count && isLetter(bytes[index + 1])
    }

    /// Leaves `position` on the `>` of the first `-->`; `<!-->` counts.
    private mutating func skipComment() {
        var index = position + 4
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: ">"), bytes[index - 1] == UInt8(ascii: "-"),
               bytes[index - 2] == UInt8(ascii: "-") {
                position = index
                return
            }
            index += 1
        }
        position = bytes.count
    }

    private mutating func skipPast(_ byte: UInt8) {
        while let next = current, next != byte { position += 1 }
        position += 1
    }

    private mutating func skipToWhitespaceOrGreaterThan() {
        while let byte = current, !ASCII.isWhitespace(byte), byte != UInt8(ascii: ">") { position += 1 }
    }
}
