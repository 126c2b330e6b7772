import TrawlURL

extension RobotsRules {
    /// Whether the crawler may fetch `url`, judged by its path and query.
    /// The caller checks that the rules are the ones for the URL's origin.
    public func isAllowed(_ url: WebURL) -> Bool {
        verdict(url).isAllowed
    }

    /// RFC 9309's verdict on `url`, telling a URL too costly to check
    /// (`.tooCostlyToEvaluate`) from one the rules disallow.
    public func verdict(_ url: WebURL) -> RobotsVerdict {
        verdict(path: url.query.map { "\(url.path)?\($0)" } ?? url.path)
    }
}
