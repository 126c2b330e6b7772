/// CRC-32 as gzip uses it (reflected polynomial 0xEDB88320), including the
/// checksum of a long run of one byte in O(log n) steps, the way zlib's
/// `crc32_combine` works: appending n bytes multiplies by x^(8n) mod P.
enum CRC32 {
    private static let polynomial: UInt32 = 0xEDB8_8320

    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
        return crc
    }

    static func checksum(_ bytes: some Sequence<UInt8>, continuing crc: UInt32 = 0) -> UInt32 {
        var c = ~crc
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }

    /// The checksum of `count` copies of `byte`.
    static func checksum(repeating byte: UInt8, count: Int) -> UInt32 {
        var result: UInt32 = 0
        var block = checksum([byte])
        var blockLength = 1
        var remaining = count
        while remaining > 0 {
            if remaining & 1 == 1 { result = combine(result, block, secondLength: blockLength) }
            block = combine(block, block, secondLength: blockLength)
            blockLength *= 2
            remaining >>= 1
        }
        return result
    }

    /// The checksum of A followed by B from those of A and B.
    static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        multiply(powerOfX(8 * secondLength), first) ^ second
    }

    /// a·b mod P, in the reflected bit order (bit 31 is x^0).
    private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var product: UInt32 = 0
        var b = b
        var mask: UInt32 = 1 << 31
        while mask != 0 {
            if a & mask != 0 { product ^= b }
            b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
            mask >>= 1
        }
        return product
    }

    /// x^n mod P by repeated squaring.
    private static func powerOfX(_ n: Int) -> UInt32 {
        var result: UInt32 = 1 << 31
        var square: UInt32 = 1 << 30
        var n = n  // x^0, x^1
        while n > 0 {
            if n & 1 == 1 { result = multiply(result, square) }
            square = multiply(square, square)
            n >>= 1
        }
        return result
    }
}
