import TrawlURL

extension RobotsRules {
    /// Whether the crawler may fetch `url`, judged by its path and query.
    /// The caller checks that the rules are the ones for the URL's origin.
    public func isAllowed(_ url: WebURL) -> Bool {
        isAllowed(path: url.query.map { "\(url.path)?\($0)" } ?? url.path)
    }
}
