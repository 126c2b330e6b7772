internal import CLibXML2

/// Where libxml2 2.9.14's HTML parser says a name ends, for `StartTagGuard`.
///
/// Two readers exist: `htmlParseHTMLName` (tag and attribute names: ASCII
/// only, at most 100 bytes) and `htmlParseName` (the target of `<?`, the
/// name of `<!DOCTYPE`: XML 1.0 names, non-ASCII letters included). Both
/// work on valid UTF-8 with the input's end acting as a NUL, as libxml2's
/// buffer does.
enum LibXML2Names {
    /// libxml2's HTML_PARSER_BUFFER_SIZE: a longer tag or attribute name
    /// is read in pieces, each piece a name of its own.
    static let htmlNameLimit = 100

    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// A byte that may start an `htmlParseHTMLName` name.
    @inline(__always)
    static func startsHTMLName(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    /// A byte that may continue an `htmlParseHTMLName` name.
    @inline(__always)
    static func continuesHTMLName(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isDigit(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    /// The end of the `htmlParseName` name at `start`, or nil when libxml2
    /// reads no name there (and consumes nothing).
    static func xmlNameEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        // libxml2's accelerator for ASCII names; it gives up (NULL) when
        // such a name runs into the end of the input.
        let first = bytes[start]
        if isASCIILetter(first) || first == UInt8(ascii: "_") || first == UInt8(ascii: ":") {
            var index = start + 1
            while index < bytes.count, continuesXMLNameASCII(bytes[index]) { index += 1 }
            if index == bytes.count { return nil }
            if bytes[index] != 0, bytes[index] < 0x80 { return index }
        }
        // htmlParseNameComplex, character by character; a NUL reads as a
        // space and the end of the input as 0: both end the name.
        guard let (c, length) = character(in: bytes, at: start), c != 0x20, c != 0x3E, c != 0x2F,
              isLetter(c) || c == 0x5F || c == 0x3A
        else { return nil }
        var index = start + length
        while let (c, length) = character(in: bytes, at: index), c != 0x20, c != 0x3E, c != 0x2F,
              isLetter(c) || xmlIsDigit(c) != 0 || c == 0x2E || c == 0x2D || c == 0x5F || c == 0x3A
                || xmlIsCombining(c) != 0 || xmlIsExtender(c) != 0 {
            index += length
        }
        return index
    }

    @inline(__always)
    private static func continuesXMLNameASCII(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
    }

    private static func isLetter(_ scalar: UInt32) -> Bool {
        xmlIsBaseChar(scalar) != 0 || xmlIsIdeographic(scalar) != 0
    }

    /// The code point at `index` of valid UTF-8 and its length; a NUL byte
    /// reads as a space (htmlCurrentChar); nil at the end.
    private static func character(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int)? {
        guard index < bytes.count else { return nil }
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 {
            index + offset < bytes.count ? UInt32(bytes[index + offset] & 0x3F) : 0
        }
        switch lead {
        case 0: return (0x20, 1)
        case 0..<0x80: return (lead, 1)
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | continuation(1), 2)
        case 0xE0..<0xF0: return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3)
        default: return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
        }
    }
}
