/// Key names of one crawl, and which partition a host belongs to.
///
/// Partition keys carry the hash tag `{NAME:p}` (`trawl:{NAME:3}:ready`),
/// global ones `{NAME}` (`trawl:{NAME}:level`).
struct FrontierKeys: Sendable {
    let crawl: String
    let partitions: Int

    /// FNV-1a 64 of the host key's UTF-8 bytes, mod the partition count:
    /// stable across processes, machines and releases.
    func partition(ofHost hostKey: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in hostKey.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(partitions))
    }

    /// KEYS[1] of every partition script.
    func prefix(_ partition: Int) -> String { "trawl:{\(crawl):\(partition)}:" }
    func stat(_ partition: Int) -> String { prefix(partition) + "stat" }
    func ready(_ partition: Int) -> String { prefix(partition) + "ready" }
    func leases(_ partition: Int) -> String { prefix(partition) + "leases" }
    func records(_ partition: Int) -> String { prefix(partition) + "records" }
    func seen(_ partition: Int, bucket: Int) -> String { prefix(partition) + "s:\(bucket)" }

    var level: String { "trawl:{\(crawl)}:level" }
    var settings: String { "trawl:{\(crawl)}:settings" }
    var workers: String { "trawl:{\(crawl)}:workers" }
    var seeded: String { "trawl:{\(crawl)}:seeded" }
}
