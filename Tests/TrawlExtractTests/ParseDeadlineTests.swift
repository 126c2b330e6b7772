import Testing
import TrawlExtract

struct ParseDeadlineTests {
    private let clock = ContinuousClock()

    private func extract(_ html: String, limits: ExtractionLimits) -> (ExtractedPage, Duration) {
        var page = ExtractedPage(encoding: "")
        let elapsed = clock.measure {
            page = HTMLExtractor.extract(Array(html.utf8), contentType: "text/html; charset=utf-8", limits: limits)
        }
        return (page, elapsed)
    }

    /// libxml2 searches its whole element stack for each end tag it cannot
    /// match: 200,000 open elements and as many strays cost it minutes.
    @Test func deepStackWithUnmatchedEndTagsStopsAtTheDeadline() {
        let html = "<a href=/first>f</a>" + String(repeating: "<b>", count: 200_000)
            + String(repeating: "</i>", count: 200_000) + "<a href=/last>l</a>"
        let (page, elapsed) = extract(html, limits: ExtractionLimits(maxParseTime: .milliseconds(200)))
        #expect(elapsed < .seconds(3))
        #expect(page.links.map(\.href) == ["/first"])
        #expect(page.parseLimited)
    }

    /// Each misplaced `<body>` makes libxml2 search the stack too.
    @Test func deepStackWithRepeatedBodyTagsStopsAtTheDeadline() {
        let html = "<a href=/first>f</a>" + String(repeating: "<b>", count: 200_000)
            + String(repeating: "<body>", count: 200_000) + "<a href=/last>l</a>"
        let (page, elapsed) = extract(html, limits: ExtractionLimits(maxParseTime: .milliseconds(200)))
        #expect(elapsed < .seconds(3))
        #expect(page.links.map(\.href) == ["/first"])
        #expect(page.parseLimited)
    }

    @Test func largeOrdinaryPageIsParsedWhole() {
        let html = (0..<20_000).map { "<div class=\"row\"><a href=\"/p/\($0)\">page \($0)</a></div>\n" }.joined()
        let (page, _) = extract(html, limits: ExtractionLimits())
        #expect(page.links.count == 20_000)
        #expect(page.links.last?.href == "/p/19999")
        #expect(page.parseLimited == false)
    }
}
