/// One row of a top-N list: a page and the value it was ranked by.
public struct RankedPage<Value: Comparable & Sendable>: Sendable {
    public let id: Int
    public let url: String
    public let value: Value
}

extension RankedPage: Equatable where Value: Equatable {}
