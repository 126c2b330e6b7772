import Foundation
import Testing
@testable import TrawlExtract

struct StartTagGuardTests {
    private func extract(_ html: String, limits: ExtractionLimits = ExtractionLimits()) -> ExtractedPage {
        HTMLExtractor.extract(Array(html.utf8), contentType: "text/html; charset=utf-8", limits: limits)
    }

    private func attributes(_ count: Int) -> String {
        (0..<count).map { "a\($0)=\($0)" }.joined(separator: " ")
    }

    // MARK: - What a crawl sees

    @Test func sixtyThousandAttributeTagParsesQuicklyAndKeepsLinksAroundIt() {
        let html = #"<p><a href="/before">b</a><a href="/x" "# + attributes(60_000) + #">x</a><a href="/after">a</a>"#
        #expect(html.utf8.count > 500_000)
        let clock = ContinuousClock()
        var page = ExtractedPage(encoding: "")
        let elapsed = clock.measure { page = extract(html) }
        // 4.2 s without the guard; ~25 ms with it (debug build).
        #expect(elapsed < .seconds(1))
        #expect(page.links.map(\.href) == ["/before", "/x", "/after"])
        #expect(page.parseLimited)
    }

    @Test func attributesPastTheLimitAreDroppedAndTheTagKept() {
        // href is attribute 129 of the first link and 128 of the second.
        let limit = ExtractionLimits().maxAttributesPerTag
        #expect(limit == 128)
        let cut = #"<a "# + attributes(limit) + #" href="/late">late</a>"#
        let kept = #"<a "# + attributes(limit - 1) + #" href="/kept">kept</a>"#
        let page = extract(cut + kept + "<a href=/next>n</a>")
        #expect(page.links.map(\.href) == ["/kept", "/next"])
        #expect(page.parseLimited)
        #expect(extract(kept).parseLimited == false)
        #expect(extract(cut, limits: ExtractionLimits(maxAttributesPerTag: limit + 1)).links.map(\.href) == ["/late"])
    }

    @Test func selfClosingAndRawTextTagsKeepTheirEndWhenCut() {
        let many = attributes(300)
        let html = "<p><br \(many)/><a href=/1>1</a><script \(many)><a href=/in-script></script><a href=/2>2</a>"
        let page = extract(html)
        #expect(page.links.map(\.href) == ["/1", "/2"])
        #expect(page.parseLimited)
    }

    @Test func quotedGreaterThanCommentsAndScriptsLeaveOrdinaryPagesUntouched() {
        let html = """
            <!DOCTYPE html PUBLIC "-//x>y//EN" 'z>w'>
            <html><head><title>a > b</title>
            <script>if (a<b && c>d) document.write("<a href='/no'>"); // </scriptx> <!--</script>
            <style>p::after { content: "<a href=/no>" }</style></head>
            <body><!-- <a href="/commented"> --!> <a title="x>y" href="/1" data-q='">'>1</a>
            <!--> still a comment <a href=/no2> -->
            <?php echo "<a href=/no3>"; ?><a href=/2 class=x>2</a>
            <a data-x="<a href=/no4>" href='/3'>3</a></body></html>
            """
        let page = extract(html)
        #expect(page.links.map(\.href) == ["/1", "/2", "/3"])
        #expect(page.title == "a > b")
        #expect(page.parseLimited == false)
        #expect(page == extract(html, limits: .unbounded))
    }

    @Test func endTagThatOnlyStartsLikeScriptDoesNotEndIt() {
        // libxml2 alone would close the script at </scriptfoo> (an open
        // element of that name) and find /hidden; browsers, and trawl, read
        // script text up to </script>.
        let html = "<scriptfoo><script>x</scriptfoo><a href=/hidden></script><a href=/after>a</a>"
        #expect(extract(html).links.map(\.href) == ["/after"])
        #expect(extract(html).parseLimited == false)
    }

    @Test func longNamesCountOncePerHundredBytesAsInLibXML2() {
        // libxml2 reads a 150-byte name as two attributes.
        let name = "k" + String(repeating: "x", count: 99) + "m" + String(repeating: "y", count: 49)
        let html = "<a \(name) href=/a>a</a>"
        #expect(extract(html, limits: ExtractionLimits(maxAttributesPerTag: 3)).links.map(\.href) == ["/a"])
        #expect(extract(html, limits: ExtractionLimits(maxAttributesPerTag: 2)).links.map(\.href) == [])
    }

    // MARK: - Agreement with libxml2

    /// The guard must read tags exactly where libxml2 does: parsed with
    /// the guard, every start tag has its first `limit` attributes and
    /// every other event is unchanged.
    @Test(arguments: [1, 2, 3, 256])
    func guardedParseEqualsLibXML2sWithAttributesTruncated(limit: Int) throws {
        var generator = TagSoup(seed: 0x6775_6172_64 &+ UInt64(limit))
        var cutDocuments = 0
        for _ in 0..<1_500 {
            let document = generator.document()
            let baseline = try #require(SAXTrace.events(of: document, guardedAt: .max))
            let guarded = try #require(SAXTrace.events(of: document, guardedAt: limit))
            if !SAXTrace.agrees(guarded, with: baseline, limit: limit) {
                Issue.record("limit \(limit) disagrees on \(String(decoding: document, as: UTF8.self).debugDescription)")
                return
            }
            if guarded != baseline { cutDocuments += 1 }
        }
        if limit < 4 { #expect(cutDocuments > 500) }
    }

    /// The same over real pages, opt in: TRAWL_GUARD_CORPUS names a file
    /// listing HTML files, one path a line.
    @Test func guardedParseAgreesWithLibXML2OnACorpus() throws {
        guard let list = ProcessInfo.processInfo.environment["TRAWL_GUARD_CORPUS"] else { return }
        let paths = try String(contentsOfFile: list, encoding: .utf8).split(separator: "\n")
        var checked = 0
        for path in paths {
            guard let data = FileManager.default.contents(atPath: String(path)) else { continue }
            let document = [UInt8](data)
            guard document.withUnsafeBytes(UTF8Validation.isValid) else { continue }
            let baseline = try #require(SAXTrace.events(of: document, guardedAt: .max))
            for limit in [1, 3] {
                let guarded = try #require(SAXTrace.events(of: document, guardedAt: limit))
                #expect(SAXTrace.agrees(guarded, with: baseline, limit: limit), "\(path) at \(limit)")
            }
            checked += 1
        }
        print("guard agreed with libxml2 on \(checked) pages")
    }
}

/// Random HTML made of the constructs where a tokenizer can lose step:
/// quotes holding `>`, comments and scripts holding tags, doctype literals,
/// processing instructions, NUL bytes, names past 100 bytes, non-ASCII
/// names. Generated attribute names are unique, so that most tags have no
/// repeated name and `SAXTrace.agrees` can check them exactly.
struct TagSoup {
    private var state: UInt64
    private var attributeCounter = 0

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    private mutating func pick(_ choices: [String]) -> String { choices[below(choices.count)] }

    mutating func document() -> [UInt8] {
        var html = ""
        for _ in 0..<(4 + below(24)) { html += piece() }
        var bytes = Array(html.utf8)
        if below(8) == 0 { bytes.insert(0, at: below(bytes.count + 1)) }
        if below(6) == 0 { bytes.removeLast(below(min(bytes.count, 12) + 1)) }
        return bytes
    }

    /// A name used nowhere else, for attributes inside fixed pieces.
    private mutating func fresh() -> String {
        attributeCounter += 1
        return "f\(attributeCounter)"
    }

    private mutating func piece() -> String {
        let (x, y) = (fresh(), fresh())
        switch below(12) {
        case 0, 1, 2, 3: return startTag()
        case 4: return "</" + pick(["a", "p", "div", "script", "b \(x)='>'", "a \"\(x)>", " a", "3", "", "td\t"])
            + pick([">", " >", ""])
        case 5: return "<!--" + pick(["", "-", "<a \(x)=c>", "x -- y", "<!-->", "--!", "<p \(x)='>'>"])
            + pick(["-->", "--!>", "->", "- ->", "--", ""])
        case 6: return pick([
            "<!DOCTYPE html>", "<!doctype html SYSTEM \"a>b\">", "<!DOCTYPE html PUBLIC \"x>\" 'y>'>",
            "<!DOCTYPE é SYSTEM \">\">", "<!DOCTYPE … SYSTEM \">\">", "<!DOCTYPE", "<!DOCTYPEhtml SYSTEM '>'>",
        ])
        case 7: return pick([
            "<?xml \(x)>b?>", "<?é \(x)>", "<?… <a \(x)=\">", "<? \(x)>", "<?>", "<?php echo '<a \(x)=\"\(y)\">' ?>",
        ])
        case 8: return rawText()
        case 9: return pick(["<![CDATA[<a \(x)=\">]]>", "<!x>", "<!", "< a>", "<3", "a < b > c", "&amp;<", "<<a"])
        default: return pick(["text ", "é ", "… ", "\n", " \(x)=\(y) ", "\"'", "<title>t</title>"])
        }
    }

    private mutating func startTag() -> String {
        let longName = "l" + String(repeating: "n", count: 104) + "z" + String(repeating: "q", count: 20)
        var tag = "<" + pick(["a", "p", "div", "span", "b", "td", "table", "scriptx", "SCRIPT", "Style", "x-y", "br", longName])
        for _ in 0..<below(7) {
            tag += pick([" ", "  ", "\n", "", "\t"])
            tag += attribute()
        }
        return tag + pick([">", ">", "/>", " / >", " >", "/ >", ""])
    }

    private mutating func attribute() -> String {
        attributeCounter += 1
        let name = pick(["a", "h", "_", ":", ".", "data-"]) + "v\(attributeCounter)"
        switch below(10) {
        case 0: return name
        case 1: return name + "=" + pick(["x", "/a/b", "y\"z", "a'b", "<p", "", "/"])
        case 2: return name + " = \"" + pick(["", ">", "a > b", "'", "<a b=c>", "é"]) + "\""
        case 3: return name + "='" + pick(["", ">", "\"", "x\"y>"]) + "'"
        case 4: return name + "=\"x\"" + pick(["", "y\(attributeCounter)", "\"", "'"])
        case 5: return pick(["\"x\"", "'y'", "/", "=z", "-q", "9k", "\"", "'>'", "é"])
        case 6: return name + String(repeating: "w", count: 110) + "e\(attributeCounter)"
        default: return name + "=\"" + pick(["/x", "1", "a b"]) + "\""
        }
    }

    private mutating func rawText() -> String {
        let name = pick(["script", "style", "SCRIPT"])
        let x = fresh()
        let body = pick([
            "<a \(x)=x>", "if (a<b) {}", "\"<!--\"", "</b>", "'</'", "<\\/script>", "x = \"</scr\" + \"ipt>\"",
        ])
        let end = pick(["</\(name)>", "</\(name) >", "</\(name.uppercased())\t>", "</\(name) x='>'>", "", "</\(name)"])
        return "<\(name)" + pick(["", " \(fresh())=1", " \(fresh())='>'"]) + ">" + body + end
    }
}
