import Foundation

/// A user-supplied regular expression (`--allow`, `--deny`), compiled once.
/// An unanchored search over the normalized URL, as grep would do it.
public struct PatternMatcher: Sendable {
    public let pattern: String
    // NSRegularExpression is immutable once made and documented thread-safe
    // for matching; it is only missing the Sendable annotation on Linux.
    private nonisolated(unsafe) let regex: NSRegularExpression

    public init(_ pattern: String, flag: String) throws {
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw TrawlError(.badOption, "\(flag) '\(pattern)' is not a valid regular expression")
        }
        self.pattern = pattern
    }

    public func matches(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return regex.firstMatch(in: text, range: range) != nil
    }
}
