/// A URL's fingerprint in a shared (Redis) frontier: SipHash-2-4 of its
/// UTF-8 bytes under the crawl's 128-bit key. Every process of the crawl
/// must compute the same value, so `URLFingerprint` (Swift's `Hasher`,
/// seeded per process) will not do; the key is drawn at random by the
/// process that starts the crawl and stored with its settings, so a site
/// still cannot make up URLs that collide. Distinct URLs share a value
/// with probability 2^-64 (see `URLFingerprint` for the birthday bound).
struct ClusterFingerprint: Sendable {
    let k0: UInt64
    let k1: UInt64

    init(k0: UInt64, k1: UInt64) {
        self.k0 = k0
        self.k1 = k1
    }

    /// A fresh random key.
    static func random() -> ClusterFingerprint {
        var generator = SystemRandomNumberGenerator()
        return ClusterFingerprint(k0: generator.next(), k1: generator.next())
    }

    /// The signed value the Redis seen set stores (an intset holds int64).
    func callAsFunction(_ text: String) -> Int64 {
        var text = text
        return text.withUTF8 { Int64(bitPattern: hash($0)) }
    }

    /// SipHash-2-4 (Aumasson and Bernstein, 2012), as specified.
    func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        @inline(__always) func round() {
            v0 &+= v1; v1 = v1.rotated(13); v1 ^= v0; v0 = v0.rotated(32)
            v2 &+= v3; v3 = v3.rotated(16); v3 ^= v2
            v0 &+= v3; v3 = v3.rotated(21); v3 ^= v0
            v2 &+= v1; v1 = v1.rotated(17); v1 ^= v2; v2 = v2.rotated(32)
        }
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            var m: UInt64 = 0
            for byte in 0..<8 { m |= UInt64(bytes[index + byte]) << (8 * UInt64(byte)) }
            v3 ^= m
            round(); round()
            v0 ^= m
            index += 8
        }
        var last = UInt64(truncatingIfNeeded: count) << 56
        for byte in 0..<(count - index) { last |= UInt64(bytes[index + byte]) << (8 * UInt64(byte)) }
        v3 ^= last
        round(); round()
        v0 ^= last
        v2 ^= 0xff
        round(); round(); round(); round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

private extension UInt64 {
    @inline(__always) func rotated(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
