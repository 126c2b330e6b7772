/// Decides which encoding a page's bytes are in, the way a browser does.
///
/// In order: a byte-order mark; the `charset` parameter of the Content-Type
/// header; a `<meta>` declaration in the first 1024 bytes; UTF-8 if the bytes
/// are valid UTF-8; else windows-1252. A label the WHATWG Encoding Standard
/// does not know is ignored and the next source is asked.
public enum CharsetDetector {
    /// The lower-case WHATWG name of the page's encoding, e.g. "utf-8",
    /// "windows-1252" (which ISO-8859-1 and US-ASCII labels also mean).
    public static func detect(_ html: UnsafeRawBufferPointer, contentType: String?) -> String {
        decide(html, contentType: contentType).encoding
    }

    /// Where an encoding decision came from.
    enum Source: Equatable {
        case byteOrderMark(length: Int)
        case contentType
        case metaPrescan
        /// No declaration: chosen by checking whether the bytes are UTF-8.
        case sniffed
    }

    struct Decision: Equatable {
        var encoding: String
        var source: Source

        /// Whether the bytes were already checked to be valid UTF-8.
        var isValidatedUTF8: Bool {
            source == .sniffed && encoding == "utf-8"
        }

        /// Bytes the parser must skip: a byte-order mark is not content.
        var contentOffset: Int {
            if case .byteOrderMark(let length) = source { length } else { 0 }
        }
    }

    static func decide(_ html: UnsafeRawBufferPointer, contentType: String?) -> Decision {
        if let (encoding, length) = byteOrderMark(html) {
            return Decision(encoding: encoding, source: .byteOrderMark(length: length))
        }
        if let contentType, let encoding = charsetParameter(of: contentType) {
            return Decision(encoding: encoding, source: .contentType)
        }
        var prescan = MetaCharsetPrescan(html)
        if let encoding = prescan.run() {
            return Decision(encoding: encoding, source: .metaPrescan)
        }
        let encoding = UTF8Validation.isValid(html) ? "utf-8" : "windows-1252"
        return Decision(encoding: encoding, source: .sniffed)
    }

    static func byteOrderMark(_ html: UnsafeRawBufferPointer) -> (encoding: String, length: Int)? {
        if html.starts(with: [0xEF, 0xBB, 0xBF]) { return ("utf-8", 3) }
        if html.starts(with: [0xFE, 0xFF]) { return ("utf-16be", 2) }
        if html.starts(with: [0xFF, 0xFE]) { return ("utf-16le", 2) }
        return nil
    }

    /// The encoding named by the first `charset` parameter of a Content-Type
    /// value such as `text/html; Charset="ISO-8859-1"`, if it is a known label.
    static func charsetParameter(of contentType: String) -> String? {
        for parameter in contentType.utf8.split(separator: UInt8(ascii: ";")).dropFirst() {
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = Array(parameter[..<equals])
            let isCharset = name.withUnsafeBufferPointer {
                ASCII.equalsIgnoringCase(ASCII.trimmingWhitespace($0), "charset")
            }
            guard isCharset else { continue }
            var value = Array(parameter[parameter.index(after: equals)...])
            value = value.withUnsafeBufferPointer { Array(ASCII.trimmingWhitespace($0)) }
            if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                value = Array(value.dropFirst().dropLast())
            }
            return value.withUnsafeBufferPointer(EncodingLabel.encoding(forLabel:))
        }
        return nil
    }
}
