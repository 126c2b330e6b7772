import Foundation

extension JSONEncoder {
    /// Keys in a fixed order, so the same settings make the same bytes:
    /// the worker's `configure` payload, the journal's records, the
    /// shared frontier's settings and `trawl status --json`.
    public static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}
