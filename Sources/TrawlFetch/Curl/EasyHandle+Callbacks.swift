/// The write and header callbacks. They run on the thread driving the
/// transfer, inside curl: they only copy bytes and never trap. Returning a
/// count other than the one given aborts the transfer with CURLE_WRITE_ERROR.
extension EasyHandle {
    /// CURLOPT_WRITEFUNCTION: the decoded body. Enforces the body cap, so a
    /// gzip bomb stops at `maxBodyBytes` decoded bytes, and waits for room
    /// in the fetcher's body budget.
    func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let data else { return 0 }
        guard count <= configuration.maxBodyBytes - body.count else {
            bodyTooLarge = true
            return 0
        }
        if let verdict = reserveBudget(forMore: count) { return verdict }
        body.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        return count
    }

    /// CURLOPT_HEADERFUNCTION: one whole header line per call, CRLF included.
    /// Each response (every redirect, every 1xx) starts a new block with its
    /// status line; only the last block is kept.
    func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let data else { return 0 }
        let line = UnsafeRawBufferPointer(start: data, count: count)
        if line.starts(with: HeaderLine.statusPrefix) {
            headerBytes.removeAll(keepingCapacity: true)
            body.removeAll(keepingCapacity: true)
            blockStatus = HeaderLine.status(of: line)
            blockContentLength = nil
            blockIsEncoded = false
            blockEnded = false
            return count
        }
        if line.first == UInt8(ascii: "\r") || line.first == UInt8(ascii: "\n") {
            // Once per block: a blank line after trailers ends no headers.
            guard !blockEnded else { return count }
            blockEnded = true
            if blockStatus >= 200 {
                completedResponses += 1
                completedStatus = blockStatus
            }
            return endOfHeaders() ? count : 0
        }
        headerBytes.append(contentsOf: line)
        if let length = HeaderLine.value(of: line, ifNamed: HeaderLine.contentLength) {
            blockContentLength = Int(decimal: length)
        } else if HeaderLine.value(of: line, ifNamed: HeaderLine.contentEncoding) != nil {
            blockIsEncoded = true
        }
        return count
    }

    /// At the end of a header block: refuse a body announced too large
    /// (when no decoding can shrink it, and no redirect will skip it), or
    /// make room for the announced one when the body budget has it: the
    /// room costs memory from the start (malloc hands back pages earlier
    /// bodies touched), so it is counted like bytes received.
    private func endOfHeaders() -> Bool {
        guard let length = blockContentLength, !(300..<400).contains(blockStatus) else { return true }
        let cap = configuration.maxBodyBytes
        if length > cap, !blockIsEncoded, blockStatus >= 200 {
            bodyTooLarge = true
            return false
        }
        let room = min(length, cap)
        if reserveBudgetAhead(room) {
            body.reserveCapacity(room)
        }
        return true
    }
}

/// Byte-level helpers for raw header lines; no String is made on the
/// transfer's thread.
enum HeaderLine {
    static let statusPrefix = Array("HTTP/".utf8)
    static let contentLength = Array("content-length".utf8)
    static let contentEncoding = Array("content-encoding".utf8)

    /// The status code of "HTTP/1.1 200 OK" or "HTTP/2 404", or 0.
    static func status(of line: UnsafeRawBufferPointer) -> Int {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return 0 }
        var status = 0
        for byte in line[(space + 1)...].prefix(3) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return 0 }
            status = status * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return status
    }

    /// The trimmed value of `line` if its name is `name` (lowercase ASCII),
    /// compared case-insensitively.
    static func value(of line: UnsafeRawBufferPointer, ifNamed name: [UInt8]) -> UnsafeRawBufferPointer.SubSequence? {
        guard line.count > name.count, line[name.count] == UInt8(ascii: ":") else { return nil }
        for (index, expected) in name.enumerated() where line[index] | 0x20 != expected {
            return nil
        }
        return trimmed(line[(name.count + 1)...])
    }

    static func trimmed<Bytes: BidirectionalCollection>(_ bytes: Bytes) -> Bytes.SubSequence where Bytes.Element == UInt8 {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map(bytes.index(after:)) ?? start
        return bytes[start..<max(start, end)]
    }
}

extension Int {
    /// Parses ASCII decimal digits; nil for anything else or on overflow.
    init?<Bytes: Collection>(decimal bytes: Bytes) where Bytes.Element == UInt8 {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self = value
    }
}
