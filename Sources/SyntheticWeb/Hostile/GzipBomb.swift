/// A gzip body of about 1 MiB that inflates to 1 GiB of HTML: a short
/// document start, then spaces. Built once (a few milliseconds) by writing
/// the deflate stream by hand (RFC 1951), since no deflater is needed to
/// say "repeat the last byte 258 times" four times per output byte:
///
/// 1. a fixed-Huffman block with the document start as literals, ending
///    in a space;
/// 2. a final dynamic-Huffman block whose only codes are length 258
///    (symbol 285) and end-of-block, one bit each, and distance 1 (one
///    bit): each copy of 258 spaces costs 2 bits.
enum GzipBomb {
    static let prefix = Array("<!DOCTYPE html>\n<html><head><title>gzip bomb</title></head><body>\n ".utf8)
    static let inflatedMinimum = 1 << 30

    /// Copies of 258 spaces after the prefix.
    static let copies = (inflatedMinimum - prefix.count + 257) / 258
    static let inflatedLength = prefix.count + 258 * copies

    static let bytes: [UInt8] = build(copies: copies)

    /// The gzip of `prefix` and then `copies` × 258 spaces.
    static func build(copies: Int) -> [UInt8] {
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]  // gzip, deflate, no flags or time, Unix
        var bits = DeflateBitWriter()
        bits.write(0, count: 1)  // not final
        bits.write(1, count: 2)  // fixed Huffman
        for byte in prefix {
            if byte < 144 {
                bits.writeCode(0x30 + UInt32(byte), length: 8)
            } else {
                bits.writeCode(0x190 + UInt32(byte) - 144, length: 9)
            }
        }
        bits.writeCode(0, length: 7)  // end of block (256)

        bits.write(1, count: 1)  // final
        bits.write(2, count: 2)  // dynamic Huffman
        bits.write(286 - 257, count: 5)  // literal/length codes 0…285
        bits.write(1 - 1, count: 5)  // one distance code
        // Code-length code lengths in their fixed order 16, 17, 18, 0, 8, 7,
        // 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1: only 18 (a run of zeros)
        // and 1 (length 1) are used, one bit each: 1 → "0", 18 → "1".
        bits.write(18 - 4, count: 4)
        for symbol in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
            bits.write(symbol == 18 || symbol == 1 ? 1 : 0, count: 3)
        }
        func zeros(_ count: UInt32) {
            bits.writeCode(1, length: 1)
            bits.write(count - 11, count: 7)
        }
        func lengthOne() { bits.writeCode(0, length: 1) }
        zeros(138)
        zeros(118)
        lengthOne()  // literals 0…255 unused, 256 (end of block): 1 bit
        zeros(28)
        lengthOne()  // 257…284 unused, 285 (length 258): 1 bit
        lengthOne()  // distance code 0 (distance 1): 1 bit
        // Canonical codes: 256 → "0", 285 → "1"; distance 0 → "0".
        bits.writeRepeated(copies) {
            $0.writeCode(1, length: 1)
            $0.writeCode(0, length: 1)
        }
        bits.writeCode(0, length: 1)  // end of block
        out += bits.finish()

        let crc = CRC32.combine(
            CRC32.checksum(prefix), CRC32.checksum(repeating: UInt8(ascii: " "), count: 258 * copies),
            secondLength: 258 * copies)
        for value in [crc, UInt32(truncatingIfNeeded: prefix.count + 258 * copies)] {
            out += (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        return out
    }
}

/// Bits in deflate's order: fields from their least significant bit,
/// Huffman codes from their most significant bit.
private struct DeflateBitWriter {
    private var bytes = [UInt8]()
    private var pending: UInt32 = 0
    private var pendingCount = 0

    mutating func write(_ value: UInt32, count: Int) {
        pending |= value << pendingCount
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    mutating func writeCode(_ code: UInt32, length: Int) {
        for bit in (0..<length).reversed() { write((code >> bit) & 1, count: 1) }
    }

    /// `times` copies of a 2-bit `unit`: bit by bit up to a byte boundary,
    /// then whole bytes of four units copied, then the rest bit by bit.
    mutating func writeRepeated(_ times: Int, _ unit: (inout DeflateBitWriter) -> Void) {
        var left = times
        while left > 0 && pendingCount != 0 {
            unit(&self)
            left -= 1
        }
        guard left >= 4 else {
            for _ in 0..<left { unit(&self) }
            return
        }
        for _ in 0..<4 { unit(&self) }
        let pattern = bytes[bytes.count - 1]
        bytes += repeatElement(pattern, count: (left - 4) / 4)
        for _ in 0..<(left % 4) { unit(&self) }
    }

    consuming func finish() -> [UInt8] {
        if pendingCount > 0 { bytes.append(UInt8(truncatingIfNeeded: pending)) }
        return bytes
    }
}
