/// In TrawlFetch, the lowest module that needs it: the crawl reads
/// response headers with it and `RequestHeader` checks the user's.
extension BidirectionalCollection where Element == UInt8 {
    /// Without leading and trailing spaces and tabs: HTTP's optional
    /// whitespace (OWS, RFC 9110 §5.6.3) around a header value or a part
    /// of one.
    public func trimmingHTTPWhitespace() -> SubSequence {
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
