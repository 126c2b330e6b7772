import Testing
@testable import TrawlCore

struct URLQueueTests {
    private func drain(_ queue: inout URLQueue) -> [URLQueue.Record] {
        var records: [URLQueue.Record] = []
        while let record = queue.popFirst() { records.append(record) }
        return records
    }

    @Test func givesBackURLsAndReferrersInOrder() {
        var queue = URLQueue()
        #expect(queue.isEmpty && queue.popFirst() == nil)
        queue.append("http://a.test/", referrer: nil)  // a seed
        queue.append("http://a.test/page/1", referrer: "http://a.test/")
        queue.append("http://a.test/page/2", referrer: "http://b.test/x")  // nothing shared past "http://"
        queue.append("http://a.test/p", referrer: "http://a.test/page/12")  // the referrer is the longer
        queue.append("http://a.test/same", referrer: "http://a.test/same")  // all shared
        #expect(!queue.isEmpty)
        #expect(drain(&queue) == [
            .init(url: "http://a.test/", referrer: nil),
            .init(url: "http://a.test/page/1", referrer: "http://a.test/"),
            .init(url: "http://a.test/page/2", referrer: "http://b.test/x"),
            .init(url: "http://a.test/p", referrer: "http://a.test/page/12"),
            .init(url: "http://a.test/same", referrer: "http://a.test/same"),
        ])
        #expect(queue.isEmpty)
    }

    @Test func prependPutsAURLFirstAfterSomeWereRead() {
        var queue = URLQueue()
        for index in 0..<4 { queue.append("http://a.test/\(index)", referrer: "http://a.test/") }
        #expect(queue.popFirst()?.url == "http://a.test/0")
        queue.prepend("http://a.test/0", referrer: "http://a.test/r")
        queue.prepend("http://a.test/first", referrer: nil)
        #expect(drain(&queue).map(\.url) == ["http://a.test/first", "http://a.test/0", "http://a.test/1",
                                             "http://a.test/2", "http://a.test/3"])
    }

    @Test func prependToAnEmptyQueue() {
        var queue = URLQueue()
        queue.prepend("http://a.test/x", referrer: "http://a.test/")
        queue.append("http://a.test/y", referrer: nil)
        #expect(drain(&queue) == [.init(url: "http://a.test/x", referrer: "http://a.test/"),
                                  .init(url: "http://a.test/y", referrer: nil)])
    }

    /// Many records span many chunks; lengths past 127 bytes take two
    /// length bytes, and a record longer than a chunk gets its own.
    @Test func recordsOfEverySizeSurviveChunking() {
        var queue = URLQueue()
        var expected: [URLQueue.Record] = []
        for index in 0..<3_000 {
            let url = "http://h\(index % 5).test/" + String(repeating: "p", count: index % 300)
            let referrer: String? = index % 7 == 0 ? nil : "http://h\(index % 3).test/" + String(repeating: "q", count: index % 200)
            queue.append(url, referrer: referrer)
            expected.append(.init(url: url, referrer: referrer))
        }
        let long = "http://a.test/" + String(repeating: "z", count: 3 * URLQueue.chunkSize)
        queue.append(long, referrer: long + "/x")
        queue.append("http://a.test/after", referrer: long)
        expected += [.init(url: long, referrer: long + "/x"), .init(url: "http://a.test/after", referrer: long)]
        #expect(drain(&queue) == expected)
    }

    @Test func interleavedAppendsAndPopsKeepOrder() {
        var queue = URLQueue()
        var next = 0, popped: [String] = []
        for round in 0..<500 {
            for _ in 0..<(round % 4) {
                queue.append("http://a.test/\(next)", referrer: "http://a.test/")
                next += 1
            }
            if let record = queue.popFirst() { popped.append(record.url) }
        }
        popped += drain(&queue).map(\.url)
        #expect(popped == (0..<next).map { "http://a.test/\($0)" })
    }

    @Test func nonASCIIBytesRoundTrip() {
        var queue = URLQueue()
        queue.append("http://a.test/é", referrer: "http://a.test/è")
        #expect(queue.popFirst() == .init(url: "http://a.test/é", referrer: "http://a.test/è"))
    }
}
