import Foundation
import TrawlFetch
@testable import TrawlCore

/// Messages that exercise every case and field shape of the protocol.
enum ShardMessageSamples {
    static let fullRecord = PageRecord(
        url: "http://h0.trawl.test/page/1", finalURL: "http://h0.trawl.test/page/1?x=ü",
        status: 200, contentType: "text/html; charset=utf-8", bytes: 96_123, depth: 3,
        elapsedMilliseconds: 12.375, error: nil, errorDetail: nil, title: "Page 1 — “quoted” 🕸️", outlinks: 42
    )

    static let failedRecord = PageRecord(
        url: "http://h1.trawl.test/", finalURL: "", status: nil, contentType: nil, bytes: 0, depth: 0,
        elapsedMilliseconds: -0.0, error: "timeout", errorDetail: "Operation timed out after 10000 ms", title: nil, outlinks: 0
    )

    static let all: [ShardMessage] = [
        .configure(Data("{\"perHost\":8}".utf8)),
        .configure(Data()),
        .configure(Data((0...255).map { UInt8($0) })),
        .discover([]),
        .discover([
            DiscoveredURL(url: "http://h0.trawl.test/", hostKey: "http://h0.trawl.test", depth: 0),
            DiscoveredURL(url: "", hostKey: "", depth: 0),
            DiscoveredURL(url: "https://bücher.example/straße?q=日本語", hostKey: "https://bücher.example", depth: FrameCodec.maxDepth),
        ]),
        .depthCeiling(0),
        .depthCeiling(FrameCodec.maxDepth),
        .stop,
        .links([DiscoveredURL(url: "http://h2.trawl.test/a", hostKey: "http://h2.trawl.test:8080", depth: 7)]),
        .page(PageMessage(record: fullRecord, source: "http://h0.trawl.test/page/1", edgeTargets: ["http://h0.trawl.test/a", "", "http://h9.trawl.test/ü"])),
        .page(PageMessage(record: failedRecord, source: "", edgeTargets: [])),
        .page({
            var page = PageMessage(record: fullRecord, source: "http://h0.trawl.test/page/1", edgeTargets: ["http://h0.trawl.test/a"])
            page.follow = FollowList.encode([("http://h0.trawl.test/a", "http://h0.trawl.test"), ("http://h3.trawl.test/", "http://h3.trawl.test")],
                                            edgeTargets: page.edgeTargets)
            return page
        }()),
        .status(ShardStatus(idle: true, batchesReceived: 0, minPendingDepth: nil, pagesDone: 0)),
        .status(ShardStatus(idle: false, batchesReceived: 1_234_567, minPendingDepth: 0, pagesDone: Int(Int32.max))),
        .robots(RobotsNote(hostKey: "http://a.test", rules: RobotsRules.allowAll.journalBytes, unavailable: nil, sitemaps: [])),
        .robots(RobotsNote(hostKey: "https://b.test:8443", rules: RobotsRules.disallowAll.journalBytes,
                           unavailable: "HTTP 503", sitemaps: ["http://a.test/sitemap.xml", "https://b.test/s.xml.gz"])),
        .refusals(RefusalCounts()),
        .refusals({
            var counts = RefusalCounts()
            counts.add(.maxPathVariants, 3)
            counts.add(.maxDepth, 12)
            return counts
        }()),
        .bodyBudget(BodyBudget.Stats(limitBytes: 0, stalls: 0, peakBytes: 0)),
        .bodyBudget(BodyBudget.Stats(limitBytes: 64 << 20, stalls: 1_234, peakBytes: 74 << 20)),
        .failed(""),
        .failed("could not open output: Permission denied — ☠ \u{FFFD}"),
    ]

    /// Well-formed frames whose values no worker or coordinator could
    /// mean: each is refused by value, naming the field.
    static let outOfRange: [(message: ShardMessage, field: String)] = [
        (.depthCeiling(-1), "ceiling"),
        (.depthCeiling(Int.min), "ceiling"),
        (.depthCeiling(Int.max), "ceiling"),
        (.discover([DiscoveredURL(url: "http://a/", hostKey: "http://a", depth: Int.max)]), "depth"),
        (.links([DiscoveredURL(url: "http://a/", hostKey: "http://a", depth: -1)]), "depth"),
        (.status(ShardStatus(idle: true, batchesReceived: -5, minPendingDepth: nil, pagesDone: 0)), "batchesReceived"),
        (.status(ShardStatus(idle: true, batchesReceived: 0, minPendingDepth: Int.min, pagesDone: 0)), "minPendingDepth"),
        (.page(PageMessage(record: { var r = fullRecord; r.depth = Int.max; return r }(), source: "", edgeTargets: [])), "depth"),
        (.page(PageMessage(record: { var r = fullRecord; r.status = -200; return r }(), source: "", edgeTargets: [])), "status"),
        (.page(PageMessage(record: { var r = fullRecord; r.bytes = -1; return r }(), source: "", edgeTargets: [])), "bytes"),
    ]

    static func manyURLs(_ count: Int) -> ShardMessage {
        .discover((0..<count).map { DiscoveredURL(url: "http://h\($0 % 97).trawl.test/page/\($0)", hostKey: "http://h\($0 % 97).trawl.test", depth: $0 % 9) })
    }

    static func page(_ index: Int) -> ShardMessage {
        var record = fullRecord
        record.url = "http://h\(index % 5).trawl.test/page/\(index)"
        record.finalURL = record.url
        record.depth = index % 6
        return .page(PageMessage(record: record, source: record.url, edgeTargets: (0..<8).map { "http://h\(index % 5).trawl.test/page/\(index + $0 + 1)" }))
    }
}
