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
        #expect(record.jsonLine == #"{"url":"http://a/","final_url":"http://a/","status":200,"content_type":"text/html","bytes":10,"depth":0,"elapsed_ms":1.5,"error":null,"title":"Say \"hi\"\n\u0001","outlinks":3}"#)
    }
}

struct XMLTextTests {
    @Test func escapesEntitiesAndDropsForbiddenControls() {
        #expect(XMLText.escape("a<b>&\"c'\u{1}\td") == "a&lt;b&gt;&amp;&quot;c&apos;\td")
    }
}
