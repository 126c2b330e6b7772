import Testing
import TrawlExtract

struct CharsetDetectorTests {
    private func detect(_ html: String, contentType: String? = nil) -> String {
        detect(Array(html.utf8), contentType: contentType)
    }

    private func detect(_ bytes: [UInt8], contentType: String? = nil) -> String {
        bytes.withUnsafeBytes { CharsetDetector.detect($0, contentType: contentType) }
    }

    @Test func byteOrderMarkWinsOverHeaderAndMeta() {
        let utf8 = [0xEF, 0xBB, 0xBF] + Array(#"<meta charset="koi8-r">"#.utf8)
        #expect(detect(utf8, contentType: "text/html; charset=iso-8859-2") == "utf-8")
        #expect(detect([0xFF, 0xFE, 0x3C, 0x00], contentType: "text/html; charset=utf-8") == "utf-16le")
        #expect(detect([0xFE, 0xFF, 0x00, 0x3C]) == "utf-16be")
    }

    @Test func headerCharsetWinsOverMeta() {
        let html = #"<meta charset="koi8-r"><p>plain"#
        #expect(detect(html, contentType: "text/html; charset=Shift_JIS") == "shift_jis")
        #expect(detect(html, contentType: #"text/html;CHARSET="EUC-JP""#) == "euc-jp")
        #expect(detect(html, contentType: "text/html; q=1; charset = utf8 ") == "utf-8")
    }

    @Test func headerWithoutKnownCharsetFallsThroughToMeta() {
        let html = #"<meta charset="koi8-r">"#
        #expect(detect(html, contentType: "text/html") == "koi8-r")
        #expect(detect(html, contentType: "text/html; charset=klingon") == "koi8-r")
    }

    @Test func latinAndASCIILabelsMeanWindows1252() {
        for label in ["ISO-8859-1", "latin1", "us-ascii", "ascii", "l1", "cp1252", "iso_8859-1:1987"] {
            #expect(detect("", contentType: "text/html; charset=\(label)") == "windows-1252")
        }
    }

    @Test func metaCharsetAttributeIsFound() {
        #expect(detect(#"<!DOCTYPE html><html><head><META CharSet='ISO-8859-15'>"#) == "iso-8859-15")
        #expect(detect("<meta charset=sjis><title>x</title>") == "shift_jis")
        #expect(detect(#"<meta/charset="gb2312">"#) == "gbk")
    }

    @Test func metaHTTPEquivContentTypeIsFound() {
        let html = #"<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">"#
        #expect(detect(html) == "windows-1251")
        let reversed = #"<meta content='text/html;charset="euc-kr"' http-equiv=content-type>"#
        #expect(detect(reversed) == "euc-kr")
    }

    @Test func metaContentWithoutPragmaIsIgnored() {
        #expect(detect(#"<meta content="text/html; charset=koi8-r"><p>é"#) == "utf-8")
    }

    @Test func metaUTF16MeansUTF8() {
        #expect(detect(#"<meta charset="utf-16">"#) == "utf-8")
        #expect(detect(#"<meta charset="x-user-defined">"#) == "windows-1252")
    }

    @Test func metaInCommentsAndAttributeValuesIsIgnored() {
        #expect(detect(#"<!-- <meta charset="koi8-r"> --><p>x"#) == "utf-8")
        #expect(detect(#"<div title="<meta charset=koi8-r>">x</div>"#) == "utf-8")
        #expect(detect(#"<!--><meta charset="koi8-r">"#) == "koi8-r")
    }

    @Test func metaAfterFirst1024BytesIsIgnored() {
        let padding = String(repeating: " ", count: 1024)
        #expect(detect(padding + #"<meta charset="koi8-r">"#) == "utf-8")
        #expect(detect(String(padding.dropFirst(30)) + #"<meta charset="koi8-r">"#) == "koi8-r")
    }

    @Test func unknownMetaLabelFallsBackToSniffing() {
        #expect(detect(#"<meta charset="klingon"><p>plain"#) == "utf-8")
    }

    @Test func undeclaredBytesAreUTF8WhenValid() {
        #expect(detect(Array("<p>café – 日本 🎉</p>".utf8)) == "utf-8")
        #expect(detect([]) == "utf-8")
    }

    @Test func undeclaredInvalidUTF8IsWindows1252() {
        #expect(detect(Array("<p>caf".utf8) + [0xE9] + Array("</p>".utf8)) == "windows-1252")
        // A truncated sequence, an overlong form and a surrogate are all invalid.
        #expect(detect([0x3C, 0xE2, 0x82]) == "windows-1252")
        #expect(detect([0xC0, 0xAF]) == "windows-1252")
        #expect(detect([0xED, 0xA0, 0x80]) == "windows-1252")
    }
}
