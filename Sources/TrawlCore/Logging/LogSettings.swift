import Logging

/// How a crawl logs (`--log-level`, `--log-format`, `--log-file`): part of
/// `CrawlOptions`, so every worker process logs the same way.
public struct LogSettings: Codable, Equatable, Sendable {
    public enum Format: String, Codable, CaseIterable, Sendable {
        /// `2026-12-04T06:10:00.123Z debug fetched url=… status=200`
        case text
        /// One JSON object per line: time, level, message, then every
        /// metadata field as its own key.
        case json
    }

    public var level: Logger.Level
    public var format: Format
    /// Appended to; nil logs to stderr.
    public var file: String?
    /// Bytes a log file may take before logging stops (with a last line
    /// that says so): a debug log of a long crawl must not fill the disk.
    public var maxFileBytes: Int

    public static let defaultMaxFileBytes = 1 << 30

    public init(level: Logger.Level = .notice, format: Format = .text, file: String? = nil,
                maxFileBytes: Int = defaultMaxFileBytes) {
        self.level = level
        self.format = format
        self.file = file
        self.maxFileBytes = maxFileBytes
    }
}
