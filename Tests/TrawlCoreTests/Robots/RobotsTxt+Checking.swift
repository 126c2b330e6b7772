import Testing
import TrawlCore
import TrawlURL

extension RobotsTxt {
    /// Checks a whole URL as the crawler will: the agent's merged rules
    /// against the path and query of the WHATWG-parsed URL.
    func allows(_ url: String, agent: String) -> Bool {
        guard let parsed = WebURL(url) else {
            Issue.record("test URL does not parse: \(url)")
            return false
        }
        return rules(for: agent).isAllowed(parsed)
    }
}
