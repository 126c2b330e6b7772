import Foundation

extension JSONEncoder {
    /// Keys in a fixed order, so the same settings make the same bytes:
    /// the worker's `configure` payload and the journal's records.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
