/// Directed edges as node-id pairs, each packed into one UInt64 (source in
/// the high half, target in the low): 8 bytes an edge, and sorting the keys
/// orders edges by source then target, so duplicates end up side by side.
public struct EdgeList: Sendable, Equatable {
    private(set) var keys: [UInt64] = []

    public init() {}

    public init(_ pairs: [(source: Int, target: Int)]) {
        for pair in pairs { append(source: pair.source, target: pair.target) }
    }

    public var count: Int { keys.count }

    /// Ids are below Int32.max: NodesFile refuses more nodes than that.
    public mutating func append(source: Int, target: Int) {
        keys.append(UInt64(UInt32(source)) << 32 | UInt64(UInt32(target)))
    }

    mutating func reserveCapacity(_ count: Int) { keys.reserveCapacity(count) }

    /// Sorts by source then target and drops repeats, in place: the list
    /// can be most of the summary's memory, so it is never copied.
    mutating func sortAndDeduplicate() {
        // edges-ids.csv arrives sorted; checking is cheaper than sorting.
        if !Self.isSorted(keys) { keys.sort() }
        var kept = 0
        for index in keys.indices where kept == 0 || keys[kept - 1] != keys[index] {
            keys[kept] = keys[index]
            kept += 1
        }
        keys.removeLast(keys.count - kept)
    }

    private static func isSorted(_ keys: [UInt64]) -> Bool {
        zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 }
    }

    static func source(_ key: UInt64) -> Int { Int(key >> 32) }
    static func target(_ key: UInt64) -> Int32 { Int32(truncatingIfNeeded: key) }
}
