/// The responses whose body, or the way it is sent, is the trap. None of
/// them has a link a crawler should report.
enum TrapBodies {
    static let dripLength = 600
    static let dripInterval = Duration.seconds(1)
    static let hugeLength = 64 << 20
    static let shortDeclared = 2048
    static let shortSent = 1024
    static let resetDeclared = 65_536
    static let resetSent = 32_768
    static let binaryLength = 4096

    static func response(_ trap: Trap, latency: Duration) -> SyntheticResponse? {
        switch trap {
        case .slowDrip:
            return html(filler(title: "Slow drip", length: dripLength), latency, .drip(interval: dripInterval))
        case .hugeBody:
            let streamed = SyntheticResponse.StreamedBody(
                prefix: Array("<!DOCTYPE html>\n<html><head><title>Huge body</title></head><body><p>".utf8),
                unit: Array("huge body filler text, repeated ".utf8),  // 32 bytes: whole units per 64 KiB
                suffix: Array("</p></body></html>\n".utf8), length: hugeLength)
            return html([], latency, .streamed(streamed))
        case .gzipBomb:
            var response = html(GzipBomb.bytes, latency, .complete)
            response.headers.append(("content-encoding", "gzip"))
            return response
        case .shortBody:
            return html(filler(title: "Short body", length: shortSent), latency, .short(declaredLength: shortDeclared))
        case .resetMidBody:
            return html(filler(title: "Reset", length: resetDeclared), latency, .reset(afterBytes: resetSent))
        case .pngAsHTML:
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            // No "<" in the garbage: it cannot start a tag.
            let body = png + garbage(binaryLength - png.count, seed: 1).map { $0 == UInt8(ascii: "<") ? 0 : $0 }
            return SyntheticResponse(
                status: 200, headers: [("content-type", "text/html")], body: body, latency: latency)
        case .binary:
            // Markup inside bytes that are not declared HTML is not a link.
            let markup = Array("<a href=\"/trap/found/in-binary\">not a link</a>".utf8)
            let body = garbage(1024, seed: 2) + markup + garbage(binaryLength - 1024 - markup.count, seed: 3)
            return SyntheticResponse(
                status: 200, headers: [("content-type", "application/octet-stream")], body: body, latency: latency)
        default:
            return nil
        }
    }

    private static func html(_ body: [UInt8], _ latency: Duration, _ delivery: SyntheticResponse.Delivery)
        -> SyntheticResponse
    {
        SyntheticResponse(
            status: 200, headers: [("content-type", "text/html; charset=utf-8")], body: body, latency: latency,
            delivery: delivery)
    }

    /// A document of exactly `length` bytes, padded with prose, no links.
    static func filler(title: String, length: Int) -> [UInt8] {
        let head = Array("<!DOCTYPE html>\n<html><head><title>\(title)</title></head><body><p>".utf8)
        let tail = Array("</p></body></html>\n".utf8)
        var body = head
        while body.count < length - tail.count {
            PaddingText.append(paragraph: body.count, limit: length - tail.count - body.count, to: &body)
            if body.count < length - tail.count { body.append(UInt8(ascii: " ")) }
        }
        return body + tail
    }

    /// Deterministic bytes of every value.
    private static func garbage(_ count: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: StableHash.combine(0x6761_7262, seed))
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }
}
