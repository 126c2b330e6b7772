#if canImport(Glibc)
import Glibc
#endif
internal import CLibXML2

extension InputDecoder {
    /// `bytes` in UTF-8, converted by `handler` (libxml2's own decoder or
    /// glibc iconv) before the parser sees them; nil for a handler that has
    /// neither (then the caller falls back to windows-1252).
    ///
    /// Converting up front rather than inside the push parser lets the
    /// parse be one terminating push of UTF-8 (what `StartTagGuard` reads,
    /// and ~10 % cheaper), and makes a refused byte cost O(1): libxml2
    /// shifts its whole remaining input buffer to drop one, so a megabyte
    /// of invalid Shift_JIS cost 13 s. The rules are libxml2's push
    /// parser's: a byte the decoder refuses is dropped (a browser would
    /// show U+FFFD) and decoding goes on after it; an incomplete sequence
    /// at the end is dropped too.
    static func convert(
        _ bytes: UnsafeRawBufferPointer, with handler: UnsafeMutablePointer<xmlCharEncodingHandler>
    ) -> [UInt8]? {
        let decode = handler.pointee.input
        let converter = handler.pointee.iconv_in
        guard decode != nil || converter != nil, let base = bytes.baseAddress else {
            return decode != nil || converter != nil ? [] : nil
        }
        // Input is converted 64 KiB at a time into room for four times as
        // much: every decoder here writes at most 3 bytes per input byte.
        let chunk = 1 << 16
        let room = 4 * chunk
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 2)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { scratch in
            let source = base.assumingMemoryBound(to: UInt8.self)
            var position = 0
            while position < bytes.count {
                let available = min(bytes.count - position, chunk)
                var consumed = available
                var written = room
                var refused = false
                if let decode {
                    var inputLength = Int32(available)
                    var outputLength = Int32(room)
                    refused = decode(scratch.baseAddress, &outputLength, source + position, &inputLength) < 0
                    consumed = Int(max(inputLength, 0))
                    written = Int(max(outputLength, 0))
                } else if let converter {
                    var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: source + position)
                        .assumingMemoryBound(to: CChar.self)
                    var inputLeft = available
                    var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(scratch.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outputLeft = room
                    let result = iconv(converter, &input, &inputLeft, &outputPointer, &outputLeft)
                    // E2BIG cannot happen with this much room; EINVAL is a
                    // sequence cut by the chunk's end, read with the next.
                    refused = result == -1 && errno == EILSEQ
                    consumed = available - inputLeft
                    written = room - outputLeft
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[..<written]))
                position += consumed
                // A refused byte, or no progress at all (an incomplete
                // sequence at the very end): drop one byte, go on.
                if refused || consumed == 0 { position += 1 }
            }
        }
        return output
    }
}
