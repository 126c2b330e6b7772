import NIOCore

/// Cuts a `StreamedBody` into buffers: the prefix, then slices of one
/// shared chunk of repeated units (about 64 KiB, allocated once per
/// response), then the suffix. 64 MiB go out without 64 MiB in memory.
struct StreamedBodyCursor {
    private let body: SyntheticResponse.StreamedBody
    private let chunk: ByteBuffer
    /// Bytes handed out so far.
    private(set) var offset = 0

    init(_ body: SyntheticResponse.StreamedBody, allocator: ByteBufferAllocator) {
        self.body = body
        // Whole units, so every chunk starts where a unit starts.
        let units = max(1, 65_536 / body.unit.count)
        var chunk = allocator.buffer(capacity: units * body.unit.count)
        for _ in 0..<units { chunk.writeBytes(body.unit) }
        self.chunk = chunk
    }

    var isFinished: Bool { offset == body.length }

    /// The next buffer, or nil when the whole body has been handed out.
    mutating func next(allocator: ByteBufferAllocator) -> ByteBuffer? {
        let fillEnd = body.prefix.count + body.fillLength
        let buffer: ByteBuffer
        if offset < body.prefix.count {
            buffer = allocator.buffer(bytes: body.prefix)
        } else if offset < fillEnd {
            buffer = chunk.getSlice(at: chunk.readerIndex, length: min(chunk.readableBytes, fillEnd - offset))!
        } else if offset < body.length {
            buffer = allocator.buffer(bytes: body.suffix)
        } else {
            return nil
        }
        offset += buffer.readableBytes
        return buffer
    }
}
