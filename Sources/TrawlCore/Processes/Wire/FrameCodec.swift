import Foundation
import TrawlFetch

/// The bytes of the shard protocol: the coordinator and its workers exchange
/// `ShardMessage`s over pipes as length-prefixed frames.
///
/// ```
/// frame    = length payload          length: UInt32 big-endian, 1…maxFrameLength
/// payload  = type fields             type: one byte (see `Tag`)
/// int      = zigzag LEB128 varint    at most 10 bytes
/// count    = unsigned LEB128 varint  string lengths, element counts
/// double   = IEEE 754 bits, UInt64 big-endian
/// bool     = one byte, 0 or 1
/// string   = count, UTF-8 bytes      (validated when decoded)
/// data     = count, bytes
/// optional = presence byte 0 (absent) or 1 (present), then the value
/// array    = count, elements
/// ```
///
/// Fields, in order:
/// - configure: data · discover, links: array of (url string, hostKey string,
///   depth int, referrer optional string) · depthCeiling: int · stop: nothing · failed: string
/// - status: idle bool, batchesReceived int, minPendingDepth optional int,
///   pagesDone int
/// - bodyBudget: limitBytes, stalls, peakBytes ints
/// - robots: hostKey string, rules data, unavailable optional string, array
///   of sitemap strings · refusals: array of (limit name
///   string, count int)
/// - page: url, finalURL strings, status optional int, contentType optional
///   string, bytes int, depth int, elapsedMilliseconds double, error,
///   errorDetail, title optional strings, outlinks, retries, linksTooLong,
///   linksOverLimit, regexTimeouts, credentialsStripped ints, titleLength
///   optional int, parseLimited bool, fetchedAt optional int, referrer
///   optional string, redirects array of (url string, status int), timings
///   presence byte then dns, connect, tls, firstByte, total doubles, etag,
///   lastModified optional strings, source string, edgeTargets array of
///   strings, edgeAttributes array of (count int, nofollow bool), follow
///   data (a `FollowList`)
///
/// Decoding never trusts the bytes: a bad type, a truncated field, a length
/// over the cap, an overflowing varint, invalid UTF-8 or trailing bytes all
/// throw a `.badFrame` `TrawlError` that says what and where.
public enum FrameCodec {
    /// Largest payload accepted or produced: 64 MiB.
    public static let maxFrameLength = 64 << 20
    /// The deepest link distance a frame may carry: far past any crawl
    /// (the trap limits end chains long before), low enough that a
    /// frontier's per-depth levels stay small.
    static let maxDepth = 1_000_000
    static let depths = 0...maxDepth
    static let counts = 0...Int(Int32.max)

    /// Bytes of the length prefix.
    static let headerLength = 4

    /// The type byte of each message. Coordinator → worker below 0x10,
    /// worker → coordinator from 0x10.
    enum Tag: UInt8 {
        case configure = 0x01
        case discover = 0x02
        case depthCeiling = 0x03
        case stop = 0x04
        case links = 0x11
        case page = 0x12
        case status = 0x13
        case failed = 0x14
        case robots = 0x15
        case refusals = 0x16
        case bodyBudget = 0x17

        /// For error messages; literals, so decoding allocates nothing here.
        var context: String {
            switch self {
            case .configure: "configure message"
            case .discover: "discover message"
            case .depthCeiling: "depthCeiling message"
            case .stop: "stop message"
            case .links: "links message"
            case .page: "page message"
            case .status: "status message"
            case .failed: "failed message"
            case .robots: "robots message"
            case .refusals: "refusals message"
            case .bodyBudget: "bodyBudget message"
            }
        }
    }

    /// One whole frame: the length prefix, then the payload.
    public static func encode(_ message: ShardMessage) throws(TrawlError) -> [UInt8] {
        var frame: [UInt8] = []
        try encode(message, appendingTo: &frame)
        return frame
    }

    /// Appends one whole frame to `frame`, so many messages can go out in
    /// one `write(2)`.
    public static func encode(_ message: ShardMessage, appendingTo frame: inout [UInt8]) throws(TrawlError) {
        let start = frame.count
        var writer = WireWriter(bytes: frame)
        frame = []
        writer.bytes.append(contentsOf: [0, 0, 0, 0])
        writePayload(message, to: &writer)
        let length = writer.bytes.count - start - headerLength
        guard length <= maxFrameLength else {
            writer.bytes.removeSubrange(start...)
            frame = writer.bytes
            throw TrawlError(.badFrame, "cannot send a \(message.name) message of \(length) bytes: frames are capped at \(maxFrameLength) bytes")
        }
        let prefix = UInt32(length)
        writer.bytes[start] = UInt8(truncatingIfNeeded: prefix >> 24)
        writer.bytes[start + 1] = UInt8(truncatingIfNeeded: prefix >> 16)
        writer.bytes[start + 2] = UInt8(truncatingIfNeeded: prefix >> 8)
        writer.bytes[start + 3] = UInt8(truncatingIfNeeded: prefix)
        frame = writer.bytes
    }

    /// Decodes one payload (a frame without its length prefix).
    public static func decodePayload(_ payload: UnsafeRawBufferPointer) throws(TrawlError) -> ShardMessage {
        var reader = WireReader(payload, context: "frame")
        let type = try reader.byte("type")
        guard let tag = Tag(rawValue: type) else {
            throw TrawlError(.badFrame, "malformed frame: unknown message type 0x\(String(type, radix: 16)) (payload of \(payload.count) bytes)")
        }
        reader.context = tag.context
        let message: ShardMessage
        switch tag {
        case .configure:
            message = .configure(Data(try reader.data("settings")))
        case .discover:
            message = .discover(try readURLs(&reader))
        case .depthCeiling:
            message = .depthCeiling(try reader.int("ceiling", in: depths))
        case .stop:
            message = .stop
        case .links:
            message = .links(try readURLs(&reader))
        case .page:
            message = .page(try readPage(&reader))
        case .status:
            message = .status(ShardStatus(
                idle: try reader.bool("idle"),
                batchesReceived: try reader.int("batchesReceived", in: counts),
                minPendingDepth: try Self.checked(try reader.optionalInt("minPendingDepth"), "minPendingDepth", in: depths),
                pagesDone: try reader.int("pagesDone", in: counts)
            ))
        case .failed:
            message = .failed(try reader.string("reason"))
        case .robots:
            let hostKey = try reader.string("hostKey")
            let rules = try reader.data("rules")
            let unavailable = try reader.optionalString("unavailable")
            let count = try reader.count("sitemap count")
            var sitemaps: [String] = []
            for _ in 0..<count { sitemaps.append(try reader.string("sitemap")) }
            message = .robots(RobotsNote(hostKey: hostKey, rules: rules, unavailable: unavailable, sitemaps: sitemaps))
        case .bodyBudget:
            message = .bodyBudget(BodyBudget.Stats(
                limitBytes: try reader.int("limitBytes", in: 0...Int.max),
                stalls: try reader.int("stalls", in: 0...Int.max),
                peakBytes: try reader.int("peakBytes", in: 0...Int.max)))
        case .refusals:
            let count = try reader.count("refusal count")
            var counts = RefusalCounts()
            for _ in 0..<count {
                let name = try reader.string("refusal")
                guard let refusal = Refusal(rawValue: name) else {
                    throw TrawlError(.badFrame, "malformed frame: refusals message names an unknown limit '\(name.prefix(64))'")
                }
                counts.add(refusal, try reader.int("refused URLs", in: Self.counts))
            }
            message = .refusals(counts)
        }
        try reader.expectEnd()
        return message
    }

    // MARK: - Payloads

    private static func writePayload(_ message: ShardMessage, to writer: inout WireWriter) {
        switch message {
        case .configure(let settings):
            writer.byte(Tag.configure.rawValue)
            writer.data(settings)
        case .discover(let urls):
            writer.byte(Tag.discover.rawValue)
            writeURLs(urls, to: &writer)
        case .depthCeiling(let ceiling):
            writer.byte(Tag.depthCeiling.rawValue)
            writer.int(ceiling)
        case .stop:
            writer.byte(Tag.stop.rawValue)
        case .links(let urls):
            writer.byte(Tag.links.rawValue)
            writeURLs(urls, to: &writer)
        case .page(let page):
            writer.byte(Tag.page.rawValue)
            writePage(page, to: &writer)
        case .status(let status):
            writer.byte(Tag.status.rawValue)
            writer.bool(status.idle)
            writer.int(status.batchesReceived)
            writer.optional(status.minPendingDepth)
            writer.int(status.pagesDone)
        case .failed(let reason):
            writer.byte(Tag.failed.rawValue)
            writer.string(reason)
        case .robots(let note):
            writer.byte(Tag.robots.rawValue)
            writer.string(note.hostKey)
            writer.data(note.rules)
            writer.optional(note.unavailable)
            writer.count(note.sitemaps.count)
            for sitemap in note.sitemaps { writer.string(sitemap) }
        case .bodyBudget(let stats):
            writer.byte(Tag.bodyBudget.rawValue)
            writer.int(stats.limitBytes)
            writer.int(stats.stalls)
            writer.int(stats.peakBytes)
        case .refusals(let counts):
            writer.byte(Tag.refusals.rawValue)
            let sorted = counts.counts.sorted { $0.key < $1.key }
            writer.count(sorted.count)
            for (refusal, count) in sorted {
                writer.string(refusal.rawValue)
                writer.int(count)
            }
        }
    }

    /// An optional integer that, when present, must lie in `range`.
    private static func checked(_ value: Int?, _ field: String, in range: ClosedRange<Int>) throws(TrawlError) -> Int? {
        guard let value else { return nil }
        guard range.contains(value) else {
            throw TrawlError(.badFrame, "malformed frame: '\(field)' = \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private static func writeURLs(_ urls: [DiscoveredURL], to writer: inout WireWriter) {
        writer.count(urls.count)
        for url in urls {
            writer.string(url.url)
            writer.string(url.hostKey)
            writer.int(url.depth)
            writer.optional(url.referrer)
        }
    }

    private static func readURLs(_ reader: inout WireReader) throws(TrawlError) -> [DiscoveredURL] {
        // Each element takes at least 4 bytes (two empty strings, a 0, an
        // absent referrer).
        let count = try reader.count("url count", minimumElementSize: 4)
        var urls: [DiscoveredURL] = []
        urls.reserveCapacity(count)
        for _ in 0..<count {
            urls.append(DiscoveredURL(url: try reader.string("url"), hostKey: try reader.string("hostKey"),
                                      depth: try reader.int("depth", in: depths),
                                      referrer: try reader.optionalString("referrer")))
        }
        return urls
    }

    private static func writePage(_ page: PageMessage, to writer: inout WireWriter) {
        let record = page.record
        writer.string(record.url)
        writer.string(record.finalURL)
        writer.optional(record.status)
        writer.optional(record.contentType)
        writer.int(record.bytes)
        writer.int(record.depth)
        writer.double(record.elapsedMilliseconds)
        writer.optional(record.error)
        writer.optional(record.errorDetail)
        writer.optional(record.title)
        writer.int(record.outlinks)
        writer.int(record.retries)
        writer.int(record.linksTooLong)
        writer.int(record.linksOverLimit)
        writer.int(record.regexTimeouts)
        writer.int(record.credentialsStripped)
        writer.optional(record.titleLength)
        writer.bool(record.parseLimited)
        writer.optional(record.fetchedAt.map(Int.init))
        writer.optional(record.referrer)
        writer.count(record.redirects.count)
        for hop in record.redirects {
            writer.string(hop.url)
            writer.int(hop.status)
        }
        writer.bool(record.timings != nil)
        if let timings = record.timings {
            for value in [timings.dns, timings.connect, timings.tls, timings.firstByte, timings.total] { writer.double(value) }
        }
        writer.optional(record.etag)
        writer.optional(record.lastModified)
        writer.string(page.source)
        writer.count(page.edgeTargets.count)
        for target in page.edgeTargets { writer.string(target) }
        writer.count(page.edgeAttributes.count)
        for attributes in page.edgeAttributes {
            writer.int(attributes.count)
            writer.bool(attributes.nofollow)
        }
        writer.data(page.follow)
    }

    private static func readPage(_ reader: inout WireReader) throws(TrawlError) -> PageMessage {
        var record = PageRecord(
            url: try reader.string("url"),
            finalURL: try reader.string("finalURL"),
            status: try Self.checked(try reader.optionalInt("status"), "status", in: 0...999),
            contentType: try reader.optionalString("contentType"),
            bytes: try reader.int("bytes", in: 0...Int.max),
            depth: try reader.int("depth", in: depths),
            elapsedMilliseconds: try reader.double("elapsedMilliseconds"),
            error: try reader.optionalString("error"),
            errorDetail: try reader.optionalString("errorDetail"),
            title: try reader.optionalString("title"),
            outlinks: try reader.int("outlinks", in: counts),
            retries: try reader.int("retries", in: counts),
            linksTooLong: try reader.int("linksTooLong", in: counts),
            linksOverLimit: try reader.int("linksOverLimit", in: counts),
            regexTimeouts: try reader.int("regexTimeouts", in: counts),
            credentialsStripped: try reader.int("credentialsStripped", in: counts),
            titleLength: try Self.checked(try reader.optionalInt("titleLength"), "titleLength", in: 0...Int.max),
            parseLimited: try reader.bool("parseLimited")
        )
        record.fetchedAt = try reader.optionalInt("fetchedAt").map(Int64.init)
        record.referrer = try reader.optionalString("referrer")
        let hops = try reader.count("redirects count", minimumElementSize: 2)
        for _ in 0..<hops {
            record.redirects.append(RedirectStep(url: try reader.string("redirect url"),
                                                 status: try reader.int("redirect status", in: 0...999)))
        }
        if try reader.bool("timings") {
            record.timings = PageTimings(dns: try reader.double("dns"), connect: try reader.double("connect"),
                                         tls: try reader.double("tls"), firstByte: try reader.double("firstByte"),
                                         total: try reader.double("total"))
        }
        record.etag = try reader.optionalString("etag")
        record.lastModified = try reader.optionalString("lastModified")
        let source = try reader.string("source")
        let count = try reader.count("edgeTargets count")
        var targets: [String] = []
        targets.reserveCapacity(count)
        for _ in 0..<count { targets.append(try reader.string("edgeTarget")) }
        let attributeCount = try reader.count("edgeAttributes count", minimumElementSize: 2)
        guard attributeCount == 0 || attributeCount == count else {
            throw reader.failure("\(attributeCount) edge attributes for \(count) edge targets")
        }
        var attributes: [EdgeAttributes] = []
        attributes.reserveCapacity(attributeCount)
        for _ in 0..<attributeCount {
            attributes.append(EdgeAttributes(count: try reader.int("edge count", in: 1...Int(Int32.max)),
                                             nofollow: try reader.bool("nofollow")))
        }
        var page = PageMessage(record: record, source: source, edgeTargets: targets, edgeAttributes: attributes)
        page.follow = try reader.data("follow")
        return page
    }
}
