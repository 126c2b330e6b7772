import Testing
@testable import TrawlCore

extension Processes {
    struct ShardMapTests {
        /// Published FNV-1a 64 test vectors, plus host keys checked against an
        /// independent implementation: if these change, workers built from
        /// different versions would disagree on who owns a host.
        @Test func stableHashIsFNV1a64() {
            #expect(ShardMap.stableHash("") == 0xcbf2_9ce4_8422_2325)
            #expect(ShardMap.stableHash("a") == 0xaf63_dc4c_8601_ec8c)
            #expect(ShardMap.stableHash("foobar") == 0x8594_4171_f739_67e8)
            #expect(ShardMap.stableHash("http://h0.trawl.test") == 0xfca6_a243_469d_5813)
            #expect(ShardMap.stableHash("https://example.com:8443") == 0xf475_765b_53c3_272e)
        }

        @Test func shardsOfKnownHostKeysNeverChange() {
            let keys = (0..<12).map { "http://h\($0).trawl.test" }
                + ["https://example.com", "http://example.com:8080", "https://bücher.example"]
            let expected: [Int: [Int]] = [
                2: [0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1],
                3: [1, 0, 2, 1, 0, 2, 1, 1, 1, 2, 0, 0, 2, 2, 0],
                4: [2, 0, 3, 1, 0, 1, 1, 3, 0, 1, 0, 3, 0, 3, 1],
                7: [2, 6, 0, 2, 1, 3, 6, 4, 6, 0, 1, 2, 0, 3, 2],
            ]
            for (shards, shardOfKey) in expected {
                let map = ShardMap(shards: shards)
                #expect(keys.map { map.shard(ofHostKey: $0) } == shardOfKey, "\(shards) shards")
            }
        }

        @Test func oneShardOwnsEverything() {
            let map = ShardMap(shards: 1)
            #expect((0..<100).map { map.shard(ofHostKey: "http://h\($0).trawl.test") } == Array(repeating: 0, count: 100))
        }

        @Test(arguments: [2, 3, 4])
        func thousandHostsSpreadEvenly(shards: Int) {
            let map = ShardMap(shards: shards)
            var counts = Array(repeating: 0, count: shards)
            for k in 0..<1_000 { counts[map.shard(ofHostKey: "http://h\(k).trawl.test")] += 1 }
            let even = 1_000.0 / Double(shards)
            for count in counts {
                #expect(abs(Double(count) - even) <= even * 0.15, "shard sizes \(counts)")
            }
        }

        @Test func differentSchemesAndPortsAreDifferentKeys() {
            let map = ShardMap(shards: 1_000)
            let keys = ["http://example.com", "https://example.com", "http://example.com:8080"]
            #expect(Set(keys.map { map.shard(ofHostKey: $0) }).count == 3)
        }
    }
}
