/// The links a recorded page followed, as the journal keeps them: most are
/// also the page's edge targets, which its `page` frame holds already, so
/// each is written as its index among them, and only the others as text.
/// Depth (the page's + 1), referrer (the page) and politeness key (the
/// URL's origin) are not stored: replay derives them.
///
///     count, then per link: varint index + 1 into the edge targets, or 0
///     and the URL string
enum FollowList {
    static func encode(_ follow: [(url: String, hostKey: String)], edgeTargets: [String]) -> [UInt8] {
        var writer = WireWriter()
        writer.count(follow.count)
        guard !follow.isEmpty else { return writer.bytes }
        var index: [String: Int] = [:]
        index.reserveCapacity(edgeTargets.count)
        for (position, target) in edgeTargets.enumerated() where index[target] == nil { index[target] = position }
        for link in follow {
            if let position = index[link.url] {
                writer.varint(UInt64(position + 1))
            } else {
                writer.varint(0)
                writer.string(link.url)
            }
        }
        return writer.bytes
    }

    /// The URLs, in order; throws `.badFrame` on bytes `encode` cannot
    /// have written.
    static func decode(_ bytes: [UInt8], edgeTargets: [String]) throws -> [String] {
        try bytes.withUnsafeBytes { buffer in
            var reader = WireReader(buffer, context: "journal follow list")
            let count = try reader.count("link count")
            var urls: [String] = []
            urls.reserveCapacity(count)
            for _ in 0..<count {
                let reference = try reader.varint("link")
                if reference == 0 {
                    urls.append(try reader.string("url"))
                } else {
                    guard reference <= edgeTargets.count else { throw reader.failure("edge index \(reference) past \(edgeTargets.count) targets") }
                    urls.append(edgeTargets[Int(reference) - 1])
                }
            }
            try reader.expectEnd()
            return urls
        }
    }
}
