/// Turns a byte stream (a pipe read in arbitrary chunks) back into
/// `ShardMessage`s: a frame may be split across many reads, and one read may
/// hold many frames. Frames that arrive whole are decoded in place, without
/// copying; only an unfinished tail is buffered.
///
/// A malformed frame throws a `.badFrame` error; the stream has lost its
/// framing then, so every later `feed` rethrows that error.
public struct FrameDecoder: Sendable {
    public let maxFrameLength: Int
    private var buffer: [UInt8] = []
    private var failure: TrawlError?

    public init(maxFrameLength: Int = FrameCodec.maxFrameLength) {
        self.maxFrameLength = maxFrameLength
    }

    /// Bytes of an unfinished frame held until more arrive.
    public var bufferedByteCount: Int { buffer.count }

    /// Feeds the next chunk; returns the messages it completes, in order.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(TrawlError) -> [ShardMessage] {
        if let failure { throw failure }
        var messages: [ShardMessage] = []
        do throws(TrawlError) {
            if buffer.isEmpty {
                let used = try decodeFrames(in: chunk, into: &messages)
                buffer.append(contentsOf: chunk[used...])
            } else {
                buffer.append(contentsOf: chunk)
                let used = try buffer.withUnsafeBytes { bytes in
                    Result { () throws(TrawlError) in try decodeFrames(in: bytes, into: &messages) }
                }.get()
                buffer.removeSubrange(..<used)
            }
        } catch {
            failure = error
            throw error
        }
        return messages
    }

    /// Feeds the next chunk of bytes.
    public mutating func feed(_ chunk: some Collection<UInt8>) throws(TrawlError) -> [ShardMessage] {
        let contiguous = Array(chunk)
        return try contiguous.withUnsafeBytes { bytes in
            Result { () throws(TrawlError) in try feed(bytes) }
        }.get()
    }

    /// Call at end of stream: throws if the stream stopped inside a frame.
    public func finish() throws(TrawlError) {
        if let failure { throw failure }
        guard buffer.isEmpty else {
            throw TrawlError(.badFrame, "truncated frame: the stream ended \(buffer.count) bytes into a frame\(describeExpectedLength())")
        }
    }

    private func describeExpectedLength() -> String {
        guard buffer.count >= FrameCodec.headerLength else { return " (inside its length prefix)" }
        return " of \(FrameCodec.headerLength + Self.length(in: buffer.withUnsafeBytes { $0 }, at: 0)) bytes"
    }

    /// Decodes every whole frame in `bytes`; returns how many bytes they used.
    private func decodeFrames(in bytes: UnsafeRawBufferPointer, into messages: inout [ShardMessage]) throws(TrawlError) -> Int {
        var offset = 0
        while bytes.count - offset >= FrameCodec.headerLength {
            let length = Self.length(in: bytes, at: offset)
            guard length >= 1 else {
                throw TrawlError(.badFrame, "malformed frame: empty payload (a frame needs at least its type byte)")
            }
            guard length <= maxFrameLength else {
                throw TrawlError(.badFrame, "malformed frame: length \(length) exceeds the cap of \(maxFrameLength) bytes")
            }
            let start = offset + FrameCodec.headerLength
            guard bytes.count - start >= length else { break }
            messages.append(try FrameCodec.decodePayload(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)])))
            offset = start + length
        }
        return offset
    }

    private static func length(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
    }
}
