import Testing
@testable import TrawlCore

struct FingerprintTableTests {
    /// A fingerprint with a chosen value, so tests pick the slots.
    private func key(_ value: UInt64) -> URLFingerprint { URLFingerprint(hash: value) }

    @Test func storesAndUpdatesValues() {
        var table = FingerprintTable<UInt32>()
        #expect(table[key(7)] == nil)
        #expect(table.updateValue(1, for: key(7)) == nil)
        #expect(table.updateValue(2, for: key(9)) == nil)
        #expect(table.updateValue(3, for: key(7)) == 1)
        #expect(table[key(7)] == 3)
        #expect(table[key(9)] == 2)
        #expect(table[key(8)] == nil)
        #expect(table.count == 2)
    }

    @Test func keysOfOneSlotProbeOnAndWrapAround() {
        // 16 slots: 5, 21 and 37 all start at slot 5; 15 and 31 at the
        // last slot, so 31 wraps to slot 0, and 16 (slot 0) then moves on.
        var table = FingerprintTable<UInt8>()
        #expect(table.capacity == 16)
        for (index, value) in [5, 21, 37, 15, 31, 16].enumerated() {
            table.updateValue(UInt8(index), for: key(UInt64(value)))
        }
        #expect([5, 21, 37, 15, 31, 16].map { table[key(UInt64($0))] } == [0, 1, 2, 3, 4, 5])
        #expect(table[key(53)] == nil)  // slot 5 too: the probe ends at the first empty slot
        #expect(table[key(47)] == nil)  // slot 15: wraps, and passes 31 and 16
        #expect(table.count == 6)
    }

    @Test func growsPastThreeQuartersFull() {
        var table = FingerprintTable<UInt32>()
        for value in 1...12 { table.updateValue(UInt32(value), for: key(UInt64(value) << 4)) }
        #expect(table.capacity == 16)  // 12 of 16, all in slot 0's run
        table.updateValue(13, for: key(13 << 4))
        #expect(table.capacity == 32)
        for value in 1...13 { #expect(table[key(UInt64(value) << 4)] == UInt32(value)) }
        #expect(table.count == 13)
    }

    @Test func holdsManyAfterRepeatedGrowth() {
        var table = FingerprintTable<UInt32>()
        var generator = SeededGenerator(seed: 42)
        let keys = (0..<10_000).map { _ in key(generator.next()) }
        for (index, fingerprint) in keys.enumerated() { table.updateValue(UInt32(index), for: fingerprint) }
        #expect(table.count == 10_000)
        #expect(table.capacity == 16_384)  // 10,000 ≤ ¾ × 16,384
        #expect(keys.indices.allSatisfy { table[keys[$0]] == UInt32($0) })
        #expect(table[key(generator.next())] == nil)
    }

    @Test func minimumCapacityAvoidsGrowth() {
        let table = FingerprintTable<UInt8>(minimumCapacity: 100)
        #expect(table.capacity == 256)  // 128 slots hold 96
    }
}
