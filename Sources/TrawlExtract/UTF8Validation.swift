/// Strict UTF-8 checking (Unicode Table 3-7) for the charset decision, and
/// the WHATWG decoder's repair of invalid bytes.
///
/// Both matter because libxml2 2.9, on meeting invalid UTF-8 in a document it
/// was told is UTF-8, silently re-decodes the rest of it as ISO-8859-1; the
/// extractor hands it only well-formed UTF-8.
enum UTF8Validation {
    /// Whether `bytes` are entirely well-formed UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index < bytes.count {
            index = skipASCII(bytes, from: index)
            guard index < bytes.count else { return true }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else { return false }
            index += length
        }
        return true
    }

    /// `bytes` with each maximal invalid subpart replaced by U+FFFD, as the
    /// WHATWG UTF-8 decoder (and every browser) does.
    static func repaired(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        while index < bytes.count {
            let asciiEnd = skipASCII(bytes, from: index)
            output.append(contentsOf: bytes[index..<asciiEnd])
            index = asciiEnd
            guard index < bytes.count else { break }
            let length = sequenceLength(bytes, at: index)
            if length > 0 {
                output.append(contentsOf: bytes[index..<(index + length)])
                index += length
            } else {
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                index -= length
            }
        }
        return output
    }

    /// The index of the first non-ASCII byte at or after `start`, checking
    /// eight bytes at a time: HTML is mostly ASCII markup.
    @inline(__always)
    private static func skipASCII(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index + 8 <= bytes.count,
              bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            index += 8
        }
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        return index
    }

    /// The length of the well-formed sequence starting at `index` (> 0), or
    /// minus the length of its maximal invalid subpart (< 0).
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return -1
        }
        // Only the first continuation byte has a narrowed range.
        for offset in 1..<length {
            guard index + offset < bytes.count else { return -offset }
            let byte = bytes[index + offset]
            guard byte >= low, byte <= high else { return -offset }
            low = 0x80
            high = 0xBF
        }
        return length
    }
}
