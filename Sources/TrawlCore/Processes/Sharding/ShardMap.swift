/// Which worker process owns a host, in `--mode processes`.
///
/// The mapping must agree across processes and across versions: every
/// worker and the coordinator compute it on their own, and a changed mapping
/// would silently route hosts to the wrong frontier. So it hashes the host
/// key's UTF-8 bytes with FNV-1a 64 (fixed constants, no seed), never with
/// Swift's `Hasher`, which is seeded per process.
///
/// FNV-1a's low bits are weak (bit 0 is the XOR of the bytes' bit 0s, since
/// it multiplies by an odd prime), so `shard(ofHostKey:)` passes the hash
/// through MurmurHash3's 64-bit finalizer before taking it modulo the shard
/// count. Both steps are fixed; `ShardMapTests` pins known values.
public struct ShardMap: Sendable, Equatable {
    public let shards: Int

    public init(shards: Int) {
        precondition(shards >= 1, "a shard map needs at least one shard, got \(shards)")
        self.shards = shards
    }

    /// The shard (0..<shards) that owns `hostKey` ("scheme://host[:port]").
    public func shard(ofHostKey hostKey: String) -> Int {
        Int(Self.mix(Self.stableHash(hostKey)) % UInt64(shards))
    }

    /// FNV-1a 64 of the string's UTF-8 bytes.
    public static func stableHash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// MurmurHash3's fmix64: every input bit affects every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }
}
