import Testing
import TrawlExtract

struct InputDecoderTests {
    /// libxml2 dropped a refused byte by shifting its whole remaining
    /// input: a megabyte of them cost 13 s.
    @Test func megabyteOfRefusedBytesCostsMilliseconds() {
        // 0x81 0x20 is no Shift_JIS character: 0x81 is dropped, the space kept.
        let refused = [UInt8]([0x81, 0x20]).repeated(524_288)
        let bytes = Array("<a href=/a>a</a>".utf8) + refused + Array("<a href=/b>b</a>".utf8)
        var page = ExtractedPage(encoding: "")
        let elapsed = ContinuousClock().measure {
            page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=shift_jis")
        }
        #expect(elapsed < .seconds(2))
        #expect(page.links.map(\.href) == ["/a", "/b"])
        #expect(page.encoding == "shift_jis")
    }

    @Test func truncatedSequenceAtTheEndIsDropped() {
        // 日 in EUC-JP is C6 FC; the page ends after its first byte.
        let bytes = Array("<title>x".utf8) + [0xC6, 0xFC, 0xC6]
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=euc-jp")
        #expect(page.title == "x日")
    }

    @Test func iso2022JPShiftsAreDecoded() {
        // ESC $ B 46 7C 4B 5C ESC ( B is 日本.
        let bytes = Array(#"<a href="/"#.utf8) + [0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42]
            + Array(#"">x</a>"#.utf8)
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=iso-2022-jp")
        #expect(page.links.map(\.href) == ["/日本"])
    }

    /// libxml2's UTF-16 decoder writes a lone surrogate as three bytes
    /// that are no UTF-8; each is replaced (as before decoding moved here).
    @Test func loneSurrogateInUTF16IsReplacedAndParsingContinues() {
        let text = "<a href=\"/x\u{0}\">x</a><a href=\"/y\">y</a>"
        var bytes: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        // Put a lone low surrogate (DC00) where the NUL of /x was.
        let nul = bytes.firstIndex(of: 0x78)! + 2
        bytes[nul] = 0x00
        bytes[nul + 1] = 0xDC
        let page = HTMLExtractor.extract(bytes, contentType: "text/html; charset=utf-16le")
        #expect(page.links.map(\.href) == ["/x\u{FFFD}\u{FFFD}\u{FFFD}", "/y"])
    }
}

private extension Array {
    func repeated(_ count: Int) -> [Element] {
        Array([[Element]](repeating: self, count: count).joined())
    }
}
