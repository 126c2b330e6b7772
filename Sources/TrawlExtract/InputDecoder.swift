internal import CLibXML2

/// How a page's bytes become the UTF-8 the parser reads.
enum InputDecoder {
    /// The bytes are already UTF-8: libxml2 reads them with no conversion.
    case utf8
    /// Bytes go through this handler (see `convert`). A handler from iconv
    /// is owned by whoever holds this value, who closes it after use;
    /// `xmlCharEncCloseFunc` frees those and leaves shared ones alone.
    case handler(UnsafeMutablePointer<xmlCharEncodingHandler>)

    /// How libxml2 should decode `encoding` (a WHATWG name), and the name of
    /// the encoding that will really be used: windows-1252 when libxml2
    /// cannot decode the requested one.
    static func resolve(_ encoding: String, runtime: LibXML2Runtime) -> (decoder: InputDecoder, encoding: String) {
        switch encoding {
        case "utf-8":
            return (.utf8, encoding)
        case "utf-16le":
            if let handler = xmlGetCharEncodingHandler(XML_CHAR_ENCODING_UTF16LE) {
                return (.handler(handler), encoding)
            }
        case "utf-16be":
            if let handler = xmlGetCharEncodingHandler(XML_CHAR_ENCODING_UTF16BE) {
                return (.handler(handler), encoding)
            }
        case "windows-1252":
            break
        default:
            if let name = Self.iconvNames[encoding], let handler = xmlFindCharEncodingHandler(name) {
                return (.handler(handler), encoding)
            }
        }
        // Nil only if libxml2 ran out of memory at start-up; the caller then
        // repairs the bytes into valid UTF-8 like any other UTF-8 input.
        guard let windows1252 = runtime.windows1252 else { return (.utf8, "utf-8") }
        return (.handler(windows1252), "windows-1252")
    }

    /// glibc iconv names for the WHATWG encodings libxml2 has no decoder of
    /// its own for. Chosen to match WHATWG's decoders where names differ:
    /// Shift_JIS is CP932 (0x5C stays a backslash, not ¥), EUC-KR is CP949,
    /// and GBK decodes as GB18030. x-user-defined has no iconv equivalent.
    private static let iconvNames: [String: String] = {
        var names = [
            "ibm866": "CP866", "iso-8859-8-i": "ISO-8859-8", "koi8-r": "KOI8-R",
            "koi8-u": "KOI8-U", "macintosh": "MACINTOSH", "windows-874": "CP874",
            "x-mac-cyrillic": "MAC-CYRILLIC", "gbk": "GB18030", "gb18030": "GB18030",
            "big5": "BIG5-HKSCS", "euc-jp": "EUC-JP", "iso-2022-jp": "ISO-2022-JP",
            "shift_jis": "CP932", "euc-kr": "CP949",
        ]
        for part in [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16] {
            names["iso-8859-\(part)"] = "ISO-8859-\(part)"
        }
        for page in 1250...1258 where page != 1252 {
            names["windows-\(page)"] = "CP\(page)"
        }
        return names
    }()
}
