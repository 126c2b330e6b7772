/// The WHATWG windows-1252 decoder, as a libxml2 input function.
///
/// Why not iconv's CP1252: glibc rejects the five bytes CP1252 leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), and libxml2 stops decoding at
/// the first rejected byte, losing the rest of the page. WHATWG maps them to
/// the C1 controls of the same value, so every byte sequence decodes, and a
/// single-byte table is also cheaper than an iconv descriptor per page.
enum Windows1252Decoder {
    /// Decodes as many bytes of `input` as fit into `output` as UTF-8, with
    /// the contract of libxml2's `xmlCharEncodingInputFunc`: on return
    /// `inputLength` holds the bytes consumed and `outputLength` the bytes
    /// written. Stateless, so one registered handler serves every thread.
    static func decode(
        _ output: UnsafeMutablePointer<UInt8>?,
        _ outputLength: UnsafeMutablePointer<Int32>?,
        _ input: UnsafePointer<UInt8>?,
        _ inputLength: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        // libxml2 always passes all four; -2 ("transcoding failed") beats a trap.
        guard let output, let outputLength, let input, let inputLength else { return -2 }
        let inputCount = Int(max(inputLength.pointee, 0))
        let outputCount = Int(max(outputLength.pointee, 0))
        var read = 0
        var written = 0
        highHalf.withUnsafeBufferPointer { table in
            while read < inputCount {
                let byte = input[read]
                if byte < 0x80 {
                    guard written < outputCount else { break }
                    output[written] = byte
                    written += 1
                } else {
                    let scalar = byte < 0xA0 ? table[Int(byte &- 0x80)] : UInt16(byte)
                    if scalar < 0x800 {
                        guard written + 2 <= outputCount else { break }
                        output[written] = UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6))
                        output[written + 1] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                        written += 2
                    } else {
                        guard written + 3 <= outputCount else { break }
                        output[written] = UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12))
                        output[written + 1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                        output[written + 2] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                        written += 3
                    }
                }
                read += 1
            }
        }
        // Running out of output space is not an error: libxml2 keeps the
        // unread bytes and calls again.
        inputLength.pointee = Int32(read)
        outputLength.pointee = Int32(written)
        return Int32(written)
    }

    /// Code points of bytes 0x80–0x9F; 0xA0–0xFF equal their byte value.
    private static let highHalf: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
