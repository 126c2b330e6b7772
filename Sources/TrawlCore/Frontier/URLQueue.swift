import DequeModule

/// The URLs of one host at one depth waiting for their fetch, first in,
/// first out, each with its referrer. At its peak a million-URL crawl has
/// half its URLs queued, so they are kept as bytes, not as Strings: a URL
/// is its UTF-8 bytes behind a length, and its referrer (the page that
/// linked it, nearly always on the same host) only the bytes where it
/// differs from the URL: ~38 bytes for a 31-byte URL and its referrer,
/// where two Strings and a queue slot cost ~180.
///
/// Records fill 4 KiB chunks (a longer one gets a chunk of its own), so a
/// queue holds at most one partly used chunk at each end.
struct URLQueue: Sendable {
    /// A queued URL as the frontier hands it back.
    struct Record: Equatable {
        var url: String
        var referrer: String?
    }

    static let chunkSize = 4096

    private var chunks: Deque<[UInt8]> = []
    /// Where the next record starts in the first chunk.
    private var head = 0

    var isEmpty: Bool { chunks.isEmpty }

    mutating func append(_ url: String, referrer: String?) {
        var url = url, referrer = referrer
        url.withUTF8 { url in
            Self.withUTF8(of: &referrer) { referrer in
                let shared = referrer.map { Self.commonPrefix(url, $0) } ?? 0
                let size = Self.size(url: url, referrer: referrer, shared: shared)
                if let last = chunks.indices.last, chunks[last].capacity - chunks[last].count >= size {
                    Self.encode(url: url, referrer: referrer, shared: shared, into: &chunks[last])
                } else {
                    chunks.append(Self.chunk(url: url, referrer: referrer, shared: shared, size: size))
                }
            }
        }
    }

    /// Puts a URL back at the head (a page to retry first): a chunk of its
    /// own, after the first chunk drops the bytes already read.
    mutating func prepend(_ url: String, referrer: String?) {
        if head > 0 {
            chunks[0].removeFirst(head)
            head = 0
        }
        var url = url, referrer = referrer
        let chunk = url.withUTF8 { url in
            Self.withUTF8(of: &referrer) { referrer in
                let shared = referrer.map { Self.commonPrefix(url, $0) } ?? 0
                return Self.chunk(url: url, referrer: referrer, shared: shared,
                                  size: Self.size(url: url, referrer: referrer, shared: shared))
            }
        }
        chunks.prepend(chunk)
    }

    mutating func popFirst() -> Record? {
        guard !chunks.isEmpty else { return nil }
        let (record, end) = chunks[0].withUnsafeBufferPointer { bytes in
            var position = head
            let urlLength = Self.readLength(bytes, at: &position)
            let url = UnsafeBufferPointer(rebasing: bytes[position..<(position + urlLength)])
            position += urlLength
            let tag = Self.readLength(bytes, at: &position)
            var referrer: String?
            if tag > 0 {
                let shared = tag - 1
                let suffixLength = Self.readLength(bytes, at: &position)
                let suffix = UnsafeBufferPointer(rebasing: bytes[position..<(position + suffixLength)])
                position += suffixLength
                referrer = String(unsafeUninitializedCapacity: shared + suffixLength) { out in
                    _ = out.initialize(fromContentsOf: url[..<(url.startIndex + shared)])
                    _ = UnsafeMutableBufferPointer(rebasing: out[shared...]).initialize(fromContentsOf: suffix)
                    return shared + suffixLength
                }
            }
            return (Record(url: String(decoding: url, as: UTF8.self), referrer: referrer), position)
        }
        if end == chunks[0].count {
            chunks.removeFirst()
            head = 0
        } else {
            head = end
        }
        return record
    }

    // MARK: - Encoding: [url length][url][0, or shared + 1][suffix length][suffix]

    private static func chunk(url: UnsafeBufferPointer<UInt8>, referrer: UnsafeBufferPointer<UInt8>?, shared: Int,
                              size: Int) -> [UInt8] {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(max(chunkSize, size))
        encode(url: url, referrer: referrer, shared: shared, into: &chunk)
        return chunk
    }

    private static func encode(url: UnsafeBufferPointer<UInt8>, referrer: UnsafeBufferPointer<UInt8>?, shared: Int,
                               into bytes: inout [UInt8]) {
        writeLength(url.count, into: &bytes)
        bytes.append(contentsOf: url)
        guard let referrer else {
            bytes.append(0)
            return
        }
        writeLength(shared + 1, into: &bytes)
        writeLength(referrer.count - shared, into: &bytes)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: referrer[shared...]))
    }

    private static func size(url: UnsafeBufferPointer<UInt8>, referrer: UnsafeBufferPointer<UInt8>?, shared: Int) -> Int {
        var size = lengthSize(url.count) + url.count
        guard let referrer else { return size + 1 }
        size += lengthSize(shared + 1) + lengthSize(referrer.count - shared) + referrer.count - shared
        return size
    }

    private static func commonPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        let limit = min(a.count, b.count)
        while index < limit && a[index] == b[index] { index += 1 }
        return index
    }

    private static func withUTF8<T>(of string: inout String?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
        guard string != nil else { return body(nil) }
        return string!.withUTF8 { body($0) }
    }

    /// LEB128: 7 bits a byte, low bits first; one byte below 128.
    private static func writeLength(_ value: Int, into bytes: inout [UInt8]) {
        var value = UInt(value)
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func lengthSize(_ value: Int) -> Int {
        var value = UInt(value), size = 1
        while value >= 0x80 {
            value >>= 7
            size += 1
        }
        return size
    }

    private static func readLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = bytes[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
