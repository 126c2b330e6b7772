#if canImport(Glibc)
import Glibc
import TrawlFetch

/// Reads frames from a pipe on a dedicated thread — `read(2)` blocks, and
/// Linux has no `FileHandle.bytes` — and hands the messages to an
/// `AsyncThrowingStream` in order.
///
/// The stream ends at end of file. It throws a `.badFrame` error on a
/// malformed frame (at once: the peer may never close its end, and the
/// consumer must not wait for it) or a stream cut inside a frame, and a
/// `.pipeFailed` error if `read(2)` fails. The thread drains the pipe until
/// end of file even after the stream's consumer has gone, so the writer
/// never blocks on a full pipe, then closes the descriptor.
public enum PipeReader {
    /// Bytes per `read(2)`: a whole default pipe buffer.
    static let chunkSize = 65_536

    /// Starts reading `fd`, which the reader then owns. `peerName` names the
    /// writer in errors ("child 1234 (/usr/bin/trawl)", "the coordinator").
    public static func messages(fromFileDescriptor fd: Int32, peerName: String) throws(TrawlError) -> AsyncThrowingStream<ShardMessage, any Error> {
        let (stream, continuation) = AsyncThrowingStream<ShardMessage, any Error>.makeStream()
        do {
            try OSThread.detached(name: "trawl-pipe-rd") {
                readUntilEndOfFile(fd, peerName: peerName, into: continuation)
            }
        } catch {
            _ = close(fd)
            throw error
        }
        return stream
    }

    /// Reads to end of file, closes `fd`, then ends the stream — in that
    /// order, so a consumer that saw the end knows the descriptor is gone.
    private static func readUntilEndOfFile(_ fd: Int32, peerName: String, into continuation: AsyncThrowingStream<ShardMessage, any Error>.Continuation) {
        var decoder = FrameDecoder()
        var failure: TrawlError?
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        reading: while true {
            let count = SystemCall.retryingInterrupts { read(fd, buffer.baseAddress, chunkSize) }
            switch count {
            case 0:
                break reading
            case ..<0:
                failure = failure ?? TrawlError(.pipeFailed, "reading from \(peerName) failed", underlying: Errno.current)
                break reading
            default:
                // After a bad frame the stream is over; keep draining the
                // pipe so the writer never blocks on it.
                guard failure == nil else { continue }
                do {
                    for message in try decoder.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) {
                        continuation.yield(message)
                    }
                } catch {
                    failure = TrawlError(.badFrame, "\(peerName) sent \(error.message)")
                    continuation.finish(throwing: failure)
                }
            }
        }
        buffer.deallocate()
        if failure == nil {
            do { try decoder.finish() } catch { failure = TrawlError(.badFrame, "\(peerName) sent \(error.message)") }
        }
        _ = close(fd)
        continuation.finish(throwing: failure)
    }
}
#endif
