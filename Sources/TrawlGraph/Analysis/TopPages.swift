/// The `count` nodes with the highest values, highest first; equal values
/// in URL order (byte-wise, as `LC_ALL=C sort`), so a list is the same on
/// every run and every machine.
enum TopPages {
    static func select<Value: Comparable & Sendable>(_ count: Int, values: [Value], urls: [String]) -> [RankedPage<Value>] {
        guard count > 0 else { return [] }
        func ranksAbove(_ a: Int, _ b: Int) -> Bool {
            values[a] != values[b] ? values[a] > values[b] : urls[a].utf8.lexicographicallyPrecedes(urls[b].utf8)
        }
        // A short list kept in order, rather than sorting every node: most
        // nodes fall below the list's last entry after one comparison.
        var chosen: [Int] = []
        chosen.reserveCapacity(count + 1)
        for node in values.indices {
            if chosen.count == count {
                guard ranksAbove(node, chosen[count - 1]) else { continue }
                chosen.removeLast()
            }
            let slot = chosen.firstIndex { ranksAbove(node, $0) } ?? chosen.count
            chosen.insert(node, at: slot)
        }
        return chosen.map { RankedPage(id: $0, url: urls[$0], value: values[$0]) }
    }
}
