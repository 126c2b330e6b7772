import Testing
@testable import TrawlExtract

struct TitleTextTests {
    private func title(_ text: String, maxBytes: Int = 1024) -> (String, Int) {
        var title = TitleText(maxBytes: maxBytes)
        Array(text.utf8).withUnsafeBufferPointer { title.append($0) }
        return (title.text, title.length)
    }

    @Test func megabyteTitleKeepsOneKilobyteAndCountsTheRest() {
        var title = TitleText(maxBytes: 1024)
        let chunk = Array(String(repeating: "word ", count: 200).utf8)
        for _ in 0..<1_000 { chunk.withUnsafeBufferPointer { title.append($0) } }
        // 200,000 words and the spaces between them.
        #expect(title.length == 999_999)
        #expect(title.kept.count == 1025)
        #expect(title.kept.capacity < 4096)
        #expect(title.text == String(String(repeating: "word ", count: 205).utf8.prefix(1024))!)
    }

    @Test func cutFallsOnACharacterBoundary() {
        let (kept, length) = title(String(repeating: "日本", count: 1000))
        #expect(length == 6000)
        #expect(kept.utf8.count == 1023)
        #expect(kept == String(repeating: "日本", count: 1000).prefix(341))
    }

    @Test func whitespaceIsCollapsedAcrossPiecesAndTrimmed() {
        var title = TitleText(maxBytes: 1024)
        for piece in ["\n  Fish", " ", "&", "\t\n", "Chips  ", " "] {
            Array(piece.utf8).withUnsafeBufferPointer { title.append($0) }
        }
        #expect(title.text == "Fish & Chips")
        #expect(title.length == 12)
    }

    @Test func spaceBeforeTheCutIsTrimmedAndShortTitlesAreWhole() {
        #expect(title(String(repeating: "a", count: 1023) + " bbb") == (String(repeating: "a", count: 1023), 1027))
        #expect(title(String(repeating: "a", count: 1024)) == (String(repeating: "a", count: 1024), 1024))
        #expect(title("x y", maxBytes: 0) == ("", 3))
        #expect(title("   ") == ("", 0))
    }

    @Test func extractorReportsTheCutTitleAndItsLength() {
        let html = "<title>" + String(repeating: "word ", count: 200_000) + "</title><a href=/x>x</a>"
        let page = HTMLExtractor.extract(Array(html.utf8), contentType: "text/html; charset=utf-8")
        #expect(page.title == String(String(repeating: "word ", count: 205).utf8.prefix(1024))!)
        #expect(page.titleLength == 999_999)
        #expect(page.links.map(\.href) == ["/x"])
        #expect(page.parseLimited == false)
        let short = HTMLExtractor.extract(Array("<title> Short  one </title>".utf8), contentType: nil)
        #expect(short.title == "Short one")
        #expect(short.titleLength == 9)
        let custom = HTMLExtractor.extract(
            Array(html.utf8), contentType: nil, limits: ExtractionLimits(maxTitleBytes: 10))
        #expect(custom.title == "word word")
        #expect(custom.titleLength == 999_999)
    }
}
