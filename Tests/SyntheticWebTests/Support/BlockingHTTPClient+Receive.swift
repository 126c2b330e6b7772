#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `receive` got, and why it stopped.
struct Received {
    enum End: Equatable {
        case closed  // the server's FIN: recv returned 0
        case reset  // recv failed with ECONNRESET
        case limit  // `limit` bytes arrived
        case timedOut  // the window passed
        case failed(Int32)  // recv failed otherwise (errno)
    }

    /// Bytes received in all (the buffered ones included).
    var count = 0
    /// The first `keep` of them.
    var head = [UInt8]()
    /// The last 64 of them.
    var tail = [UInt8]()
    var end = End.timedOut
}

extension BlockingHTTPConnection {
    /// Reads the rest of a body without framing: what is buffered, then what
    /// arrives until the server closes or resets, `limit` bytes have come or
    /// `window` has passed. Holds only `keep` bytes and a tail, so 64 MiB
    /// can be counted.
    func receive(limit: Int = .max, within window: Duration, keep: Int = 1 << 20) -> Received {
        var result = Received()
        func take(_ bytes: ArraySlice<UInt8>) {
            result.count += bytes.count
            if result.head.count < keep { result.head += bytes.prefix(keep - result.head.count) }
            result.tail = Array((result.tail + bytes.suffix(64)).suffix(64))
        }
        let buffered = buffer.prefix(limit)
        take(buffered)
        buffer.removeFirst(buffered.count)
        let clock = ContinuousClock()
        let deadline = clock.now + window
        var chunk = [UInt8](repeating: 0, count: 65536)
        while result.count < limit {
            let left = deadline - clock.now
            guard left > .zero else { return result }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let millis = Int32(
                max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard poll(&poller, 1, millis) > 0 else { continue }
            let wanted = min(chunk.count, limit - result.count)
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, wanted, 0) }
            if n == 0 {
                result.end = .closed
                return result
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                result.end = errno == ECONNRESET ? .reset : .failed(errno)
                return result
            }
            take(chunk[..<n])
        }
        result.end = .limit
        return result
    }
}
