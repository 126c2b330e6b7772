/// Pages not in UTF-8. Each has a link whose href holds non-ASCII
/// characters: the URL standard escapes a path's characters as UTF-8
/// whatever the page's encoding, so the truth is the UTF-8 escape of the
/// correctly decoded text. (Only paths: a query would be escaped in the
/// page's own encoding.)
extension TrapPage {
    private static let windows1252: [Character: [UInt8]] = [
        "é": [0xE9], "€": [0x80], "ü": [0xFC], "“": [0x93], "”": [0x94],
    ]
    private static let shiftJIS: [Character: [UInt8]] = ["東": [0x93, 0x8C], "京": [0x8B, 0x9E]]

    /// windows-1252 declared in the content-type header only.
    static let charsetInHeader = latin(
        contentType: "text/html; charset=windows-1252", href: "/trap/found/café-€-header",
        target: "/trap/found/caf%C3%A9-%E2%82%AC-header")

    /// windows-1252 with no charset in the header, no `<meta>` and no BOM:
    /// the HTML standard's fallback, windows-1252, is right (ISO-8859-1
    /// would make 0x80 U+0080; UTF-8 would make it U+FFFD).
    static let charsetDefault = latin(
        contentType: "text/html", href: "/trap/found/café-€-default",
        target: "/trap/found/caf%C3%A9-%E2%82%AC-default")

    /// Shift_JIS declared only by `<meta charset>`; 東京 is 93 8C 8B 9E.
    static let charsetInMeta = TrapPage(
        contentType: "text/html",
        body: encode(
            html(
                lang: "ja", head: "<meta charset=\"Shift_JIS\">\n<title>東京</title>",
                "<h1>東京</h1>\n<p><a href=\"/trap/found/東京-meta\">東京</a></p>"),
            shiftJIS),
        targets: ["/trap/found/%E6%9D%B1%E4%BA%AC-meta"])

    /// No `<meta charset>`: the encoding is the header's, or the default.
    private static func latin(contentType: String, href: String, target: String) -> TrapPage {
        TrapPage(
            contentType: contentType,
            body: encode(
                html(
                    lang: "fr", head: "<title>Café “€”</title>",
                    "<h1>Menü</h1>\n<p>Un café: 2 €. <a href=\"\(href)\">café</a></p>"),
                windows1252),
            targets: [target])
    }

    /// ASCII as is, every other character from `table` (a fixture: a
    /// character missing from it is a programming error).
    private static func encode(_ text: String, _ table: [Character: [UInt8]]) -> [UInt8] {
        var bytes = [UInt8]()
        for character in text {
            if let ascii = character.asciiValue {
                bytes.append(ascii)
            } else {
                guard let encoded = table[character] else { preconditionFailure("no encoding given for \(character)") }
                bytes += encoded
            }
        }
        return bytes
    }
}
