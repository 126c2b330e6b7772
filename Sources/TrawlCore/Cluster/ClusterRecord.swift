/// The bytes a shared frontier keeps of a page or a robots.txt: the frame
/// `--mode processes` sends and the journal stores (`FrameCodec`), so the
/// exporter rebuilds a page exactly as the coordinator of one machine does.
extension ShardMessage {
    /// A recorded page with the links it followed. A page too big for one
    /// frame (64 MiB: tens of thousands of long links) keeps its record and
    /// loses its edges, rather than stopping the crawl.
    static func encodePage(_ outcome: PageOutcome) -> [UInt8] {
        let page = PageMessage(followed: outcome)
        if let frame = try? FrameCodec.encode(.page(page)) { return frame }
        return (try? FrameCodec.encode(.page(PageMessage(record: page.record, source: page.source, edgeTargets: [])))) ?? []
    }

    static func encodeRobots(_ note: RobotsNote) -> [UInt8] {
        (try? FrameCodec.encode(.robots(note))) ?? (try? FrameCodec.encode(.robots(
            RobotsNote(hostKey: note.hostKey, rules: note.rules, unavailable: note.unavailable, sitemaps: [])))) ?? []
    }

    /// Decodes a stored frame.
    static func decodeRecord(_ frame: [UInt8]) throws(TrawlError) -> ShardMessage {
        guard frame.count >= FrameCodec.headerLength else {
            throw TrawlError(.protocolViolation, "a record in the shared frontier is truncated (\(frame.count) bytes)")
        }
        let decoded = frame.withUnsafeBytes { bytes in
            Result { () throws(TrawlError) -> ShardMessage in
                try FrameCodec.decodePayload(UnsafeRawBufferPointer(rebasing: bytes[FrameCodec.headerLength...]))
            }
        }
        return try decoded.get()
    }

    static func decodeRobots(_ frame: [UInt8]) throws(TrawlError) -> RobotsNote {
        guard case .robots(let note) = try decodeRecord(frame) else {
            throw TrawlError(.protocolViolation, "a host's stored robots.txt rules are not a robots record")
        }
        return note
    }
}
