/// A tiny deterministic generator (Steele, Lea & Flood's SplitMix64).
///
/// The web must be identical for a seed in every process and on every
/// platform, so nothing here goes through `Hasher` (seeded per process) or the
/// standard library's `random(in:using:)` (its reduction algorithm is an
/// implementation detail). Only integer arithmetic and `sqrt`, which IEEE 754
/// rounds exactly, feed the structure of the web.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return StableHash.finalize(state)
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in 0..<bound by multiply-high (Lemire without the rejection
    /// step: a bias below 2^-32 for our bounds is irrelevant, determinism is not).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "SplitMix64.below needs a positive bound, got \(bound)")
        return Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }
}

/// Stable, process-independent hashing of the values that key the web.
enum StableHash {
    /// SplitMix64's finalizer: a bijective avalanche of 64 bits.
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Order-sensitive combination, so (seed, host, page) streams never collide
    /// with (seed, page, host).
    static func combine(_ values: UInt64...) -> UInt64 {
        var h: UInt64 = 0x6A09_E667_F3BC_C908
        for value in values {
            h = finalize((h ^ value) &+ 0x9E37_79B9_7F4A_7C15)
        }
        return h
    }

    /// FNV-1a over UTF-8, finalized.
    static func of(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return finalize(h)
    }
}
