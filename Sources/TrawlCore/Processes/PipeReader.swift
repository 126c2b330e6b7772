#if canImport(Glibc)
import Glibc

/// Reads frames from a pipe on a dedicated thread — `read(2)` blocks, and
/// Linux has no `FileHandle.bytes` — and hands the messages to an
/// `AsyncThrowingStream` in order.
///
/// The stream ends at end of file. It throws a `.badFrame` error on a
/// malformed frame or a stream cut inside a frame, and a `.pipeFailed`
/// error if `read(2)` fails. The thread drains the pipe until end of file
/// even after the stream's consumer has gone, so the writer never blocks on
/// a full pipe, then closes the descriptor.
public enum PipeReader {
    /// Bytes per `read(2)`: a whole default pipe buffer.
    static let chunkSize = 65_536

    /// Starts reading `fd`, which the reader then owns. `peerName` names the
    /// writer in errors ("child 1234 (/usr/bin/trawl)", "the coordinator").
    public static func messages(fromFileDescriptor fd: Int32, peerName: String) throws(TrawlError) -> AsyncThrowingStream<ShardMessage, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ShardMessage, any Error>.makeStream()
        do {
            try DetachedThread.start(name: "trawl-pipe-rd") {
                readUntilEndOfFile(fd, peerName: peerName, into: continuation)
            }
        } catch {
            _ = close(fd)
            throw error
        }
        return stream
    }

    private static func readUntilEndOfFile(_ fd: Int32, peerName: String, into continuation: AsyncThrowingStream<ShardMessage, any Error>.Continuation) {
        defer { _ = close(fd) }
        var decoder = FrameDecoder()
        var failed = false
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer.baseAddress, chunkSize)
            if count < 0 {
                if errno == EINTR { continue }
                let error = Errno.current
                if !failed { continuation.finish(throwing: TrawlError(.pipeFailed, "reading from \(peerName) failed", underlying: error)) }
                return
            }
            if count == 0 { break }
            // After a bad frame the stream has ended; keep draining the pipe.
            guard !failed else { continue }
            do {
                for message in try decoder.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) {
                    continuation.yield(message)
                }
            } catch {
                failed = true
                continuation.finish(throwing: TrawlError(.badFrame, "\(peerName) sent \(error.message)"))
            }
        }
        guard !failed else { return }
        do {
            try decoder.finish()
            continuation.finish()
        } catch {
            continuation.finish(throwing: TrawlError(.badFrame, "\(peerName) sent \(error.message)"))
        }
    }
}
#endif
