import TrawlCore

/// One mode at one concurrency: a point of the charts.
public struct Configuration: Sendable, Codable, Hashable {
    public var mode: CrawlOptions.Mode
    public var concurrency: Int

    public init(mode: CrawlOptions.Mode, concurrency: Int) {
        self.mode = mode
        self.concurrency = concurrency
    }

    /// "threads c256"
    public var label: String { "\(mode.rawValue) c\(concurrency)" }
}

/// One crawl of a comparison: a configuration and which repeat it is.
public struct RunSpec: Sendable, Codable, Hashable {
    public var mode: CrawlOptions.Mode
    public var concurrency: Int
    /// 1-based.
    public var repeatIndex: Int

    public init(mode: CrawlOptions.Mode, concurrency: Int, repeatIndex: Int) {
        self.mode = mode
        self.concurrency = concurrency
        self.repeatIndex = repeatIndex
    }

    public var configuration: Configuration { Configuration(mode: mode, concurrency: concurrency) }

    /// "threads c256 #2"
    public var label: String { "\(configuration.label) #\(repeatIndex)" }

    /// "threads-c256-r2": the run's folder.
    public var folderName: String { "\(mode.rawValue)-c\(concurrency)-r\(repeatIndex)" }
}
