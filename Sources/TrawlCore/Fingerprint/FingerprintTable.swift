/// A hash table from `URLFingerprint` to a small unsigned value: the
/// compact seen set of a large crawl. Open addressing with linear probing
/// over two flat arrays, so a URL costs its 8-byte fingerprint plus the
/// value, over a load factor of 3/8 to 3/4 (about 21 bytes per URL with a
/// 32-bit value, where a `[String: Entry]` cost ~130 plus the string).
/// Nothing is ever removed: a crawl never forgets a URL.
///
/// Not a set of the URLs themselves: see `URLFingerprint` for the chance
/// that two URLs share a fingerprint.
struct FingerprintTable<Value: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// 0 marks an empty slot (a fingerprint is never 0).
    private var keys: [UInt64]
    private var values: [Value]
    private var mask: Int
    private(set) var count = 0

    /// A table that holds `minimumCapacity` fingerprints before it grows.
    init(minimumCapacity: Int = 0) {
        var slots = 16
        while slots * 3 / 4 < minimumCapacity { slots *= 2 }
        keys = [UInt64](repeating: 0, count: slots)
        values = [Value](repeating: 0, count: slots)
        mask = slots - 1
    }

    /// Slots in the table: the memory it holds is this × (8 + the value's size).
    var capacity: Int { keys.count }

    subscript(fingerprint: URLFingerprint) -> Value? {
        let slot = find(fingerprint.rawValue)
        return keys[slot] == 0 ? nil : values[slot]
    }

    /// Stores `value` for `fingerprint`, adding the fingerprint when it is
    /// new. Returns the value it replaced, nil when it was added.
    @discardableResult
    mutating func updateValue(_ value: Value, for fingerprint: URLFingerprint) -> Value? {
        var slot = find(fingerprint.rawValue)
        if keys[slot] != 0 {
            defer { values[slot] = value }
            return values[slot]
        }
        if (count + 1) * 4 > keys.count * 3 {
            grow()
            slot = find(fingerprint.rawValue)
        }
        keys[slot] = fingerprint.rawValue
        values[slot] = value
        count += 1
        return nil
    }

    /// The slot that holds `key`, or the empty slot where it would go. The
    /// fingerprint is already a uniform hash: its low bits pick the slot.
    private func find(_ key: UInt64) -> Int {
        keys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: key) & mask
            while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
            return slot
        }
    }

    /// Doubles the slots and puts every fingerprint in its new place. For
    /// that moment both tables are held: 1.5x the memory of the new one.
    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let slots = oldKeys.count * 2
        keys = [UInt64](repeating: 0, count: slots)
        values = [Value](repeating: 0, count: slots)
        mask = slots - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            let slot = find(oldKeys[index])
            keys[slot] = oldKeys[index]
            values[slot] = oldValues[index]
        }
    }
}
