import Testing
@testable import TrawlCore

struct SHA256Tests {
    @Test func knownVectors() {
        var empty = SHA256()
        empty.update("")
        #expect(empty.finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var abc = SHA256()
        abc.update("abc")
        #expect(abc.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        var long = SHA256()
        long.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
        #expect(long.finalizeHex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var million = SHA256()
        million.update([UInt8](repeating: 0x61, count: 1_000_000))
        #expect(million.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Feeding the bytes in uneven pieces gives the one-shot digest.
    @Test func piecewiseUpdatesMatchOneShot() {
        let text = String(repeating: "trawl edges, ", count: 97)
        var whole = SHA256()
        whole.update(text)
        var pieces = SHA256()
        var rest = Substring(text)
        var size = 1
        while !rest.isEmpty {
            pieces.update(rest.prefix(size).utf8)
            rest = rest.dropFirst(size)
            size = size * 3 % 71 + 1
        }
        #expect(pieces.finalizeHex() == whole.finalizeHex())
    }
}

struct SortedLinesTests {
    /// Byte order, as `LC_ALL=C sort`: a row whose source is a prefix of
    /// another's sorts by the byte after it ("," 0x2C < "/" 0x2F; "!" 0x21 < ",").
    @Test func sortsInByteOrderFromTheGivenOffset() throws {
        let text = "source,target\nhttp://a/x/y,http://b/\nhttp://a/x,http://c/\nhttp://a/x!,http://d/\n\nZ,1\nhttp://a/x,http://b/"
        let bytes = Array(text.utf8)
        let lines = SortedLines(bytes, from: "source,target\n".utf8.count)
        var out: [String] = []
        try lines.forEach { out.append(String(decoding: $0, as: UTF8.self)) }
        #expect(out == ["Z,1", "http://a/x!,http://d/", "http://a/x,http://b/", "http://a/x,http://c/", "http://a/x/y,http://b/"])
        #expect(SortedLines([]).count == 0)
    }
}

struct CSVTests {
    @Test func fieldsAreQuotedOnlyWhenNeeded() {
        #expect(CSV.row("http://a/x", "http://a/y") == "http://a/x,http://a/y")
        #expect(CSV.row("http://a/x,1", "http://a/\"q\"") == "\"http://a/x,1\",\"http://a/\"\"q\"\"\"")
    }

    @Test func rowsRoundTrip() {
        for (source, target) in [("http://a/x", "http://a/y"), ("http://a/x,1", "http://a/\"q\""), ("a,b", "c")] {
            let parsed = CSV.parseRow(Substring(CSV.row(source, target)))
            #expect(parsed?.0 == source)
            #expect(parsed?.1 == target)
        }
    }
}

struct PageRecordTests {
    @Test func jsonLineEscapesAndOrdersKeys() {
        let record = PageRecord(
            url: "http://a/", finalURL: "http://a/", status: 200, contentType: "text/html", bytes: 10,
            depth: 0, elapsedMilliseconds: 1.5, error: nil, errorDetail: nil, title: "Say \"hi\"\n\u{1}", outlinks: 3)
        #expect(record.jsonLine == #"{"url":"http://a/","final_url":"http://a/","status":200,"content_type":"text/html","bytes":10,"depth":0,"elapsed_ms":1.5,"error":null,"title":"Say \"hi\"\n\u0001","outlinks":3,"retries":0,"fetched_at":null,"referrer":null,"redirects":[],"timings":null}"#)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("\\\t\r\u{1f}é\"", #""\\\t\r\u001fé\"""#),
        ("ends with \\", #""ends with \\""#),
        ("ünïcødé 😀", #""ünïcødé 😀""#),
    ])
    func jsonStringsAreEscapedPerRFC8259(value: String, expected: String) {
        var text = ""
        JSONLineBuilder.appendQuoted(value, to: &text)
        #expect(text == expected)
    }
}

struct XMLTextTests {
    @Test func escapesEntitiesAndDropsForbiddenControls() {
        #expect(XMLText.escape("a<b>&\"c'\u{1}\td") == "a&lt;b&gt;&amp;&quot;c&apos;\td")
        #expect(XMLText.escape("http://a/é?x=1") == "http://a/é?x=1")
        #expect(XMLText.escape("a\u{FFFE}b\u{FFFF}c\u{FFFD}") == "abc\u{FFFD}")
    }

    @Test func dotIDsEscapeQuotesAndBackslashesAndDropLineBreaks() {
        #expect(DOTID.quoted("http://a/") == "\"http://a/\"")
        #expect(DOTID.quoted("a\"b\\c\nd") == "\"a\\\"b\\\\cd\"")
    }
}

struct ContentTypeTests {
    @Test(arguments: [
        ("text/html", true), ("TEXT/HTML; charset=utf-8", true), (" text/html ;q", true),
        ("application/xhtml+xml", true), ("text/htmlx", false), ("text/plain", false), ("", false),
        ("application/json", false),
    ])
    func htmlIsRecognisedByEssence(contentType: String, expected: Bool) {
        #expect(PageProcessor.isHTML(contentType: contentType, body: []) == expected)
    }

    @Test func withoutContentTypeTheBodyIsSniffed() {
        #expect(PageProcessor.isHTML(contentType: nil, body: Array("  <!DOCTYPE html><p>".utf8)))
        #expect(!PageProcessor.isHTML(contentType: nil, body: Array("%PDF-1.7".utf8)))
    }
}
