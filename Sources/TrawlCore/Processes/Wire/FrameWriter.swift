#if canImport(Glibc)
import Glibc
import TrawlFetch
import Synchronization

/// Writes whole frames to a pipe with `write(2)`: the coordinator's end of
/// a worker's standard input, or a worker's own standard output (where
/// `print` would be block-buffered). Frames from concurrent senders never
/// interleave: each `send` writes its bytes under a lock.
///
/// `write(2)` blocks while the pipe is full. The other side reads on a
/// dedicated thread (`PipeReader`), so the pipe drains whatever its
/// consumer is doing, and a send blocks only briefly.
///
/// A reader that has gone away makes `write(2)` fail with EPIPE, thrown as
/// a `.pipeFailed` error; the SIGPIPE that comes with it must be ignored
/// (`ignoreBrokenPipeSignal()`), or it kills the writing process first.
public final class FrameWriter: Sendable {
    /// The descriptor, nil once closed.
    private let fd: Mutex<Int32?>
    /// Names the reader in error messages ("child 1234 (/usr/bin/trawl)").
    public let peerName: String

    /// Takes ownership of `fd`: it is closed by `close()` or on deinit.
    public init(fileDescriptor fd: Int32, peerName: String) {
        self.fd = Mutex(fd)
        self.peerName = peerName
    }

    deinit {
        close()
    }

    public func send(_ message: ShardMessage) throws(TrawlError) {
        try write(try FrameCodec.encode(message), describing: message.name)
    }

    /// Sends many messages with one `write(2)` where the pipe allows.
    public func send(contentsOf messages: [ShardMessage]) throws(TrawlError) {
        var bytes: [UInt8] = []
        for message in messages { try FrameCodec.encode(message, appendingTo: &bytes) }
        try write(bytes, describing: "\(messages.count) messages")
    }

    /// Closes the descriptor: the reader sees end of file once it has read
    /// everything sent before. Later sends throw. Idempotent.
    public func close() {
        fd.withLock { fd in
            if let open = fd { _ = Glibc.close(open) }
            fd = nil
        }
    }

    private func write(_ bytes: [UInt8], describing what: String) throws(TrawlError) {
        let failure: Int32? = fd.withLock { fd in
            guard let open = fd else { return EBADF }
            return bytes.withUnsafeBytes { SystemCall.writeAll(open, $0).error }
        }
        guard let failure else { return }
        if failure == EBADF {
            throw TrawlError(.pipeFailed, "cannot send \(what) to \(peerName): its input is already closed")
        }
        if failure == EPIPE {
            throw TrawlError(.pipeFailed, "cannot send \(what) to \(peerName): it no longer reads its input (broken pipe)", underlying: Errno(code: failure))
        }
        throw TrawlError(.pipeFailed, "cannot send \(what) to \(peerName)", underlying: Errno(code: failure))
    }

    /// Sets SIGPIPE to "ignore" for the whole process (once; later calls do
    /// nothing), so a write to a pipe whose reader has gone fails with EPIPE
    /// instead of killing the process. `ChildProcess` calls it before its
    /// first spawn and resets SIGPIPE to the default in its children.
    /// Side effect to know about: the process's own writes to a closed
    /// stdout (`trawl … | head`) then fail with EPIPE instead of ending it.
    public static func ignoreBrokenPipeSignal() {
        _ = brokenPipeIgnored
    }

    private static let brokenPipeIgnored: Bool = {
        signal(SIGPIPE, SIG_IGN)
        return true
    }()
}
#endif
