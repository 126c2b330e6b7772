import TrawlURL

/// Whether a crawl should be told to name a contact in its User-Agent.
///
/// Site operators read the User-Agent to reach whoever runs a crawler that
/// misbehaves; Scrapy's and Heritrix's documentation ask for a contact
/// there, and Heritrix refuses to start without one. trawl warns instead
/// (it is also a benchmark tool, mostly pointed at hosts its user runs),
/// and only when a seed is on a host that could belong to someone else.
public enum UserAgentAdvice {
    /// The warning to print, or nil: the User-Agent names a contact (a URL
    /// or an e-mail address), or every seed is on a host of the user's own.
    public static func warning(userAgent: String, seeds: [WebURL]) -> String? {
        guard !namesContact(userAgent), seeds.contains(where: { !isPrivateName($0.host ?? "") }) else { return nil }
        return "the User-Agent '\(userAgent)' names no contact, so the sites you crawl cannot reach you; "
            + "add a URL or an e-mail address, e.g. --user-agent '\(RobotsProductToken.ofCrawler(userAgent))/1.0 "
            + "(+https://example.org/crawler; you@example.org)'"
    }

    /// A URL or an e-mail address anywhere in it.
    static func namesContact(_ userAgent: String) -> Bool {
        let lowered = userAgent.lowercased()
        return lowered.contains("http://") || lowered.contains("https://") || lowered.contains("@")
    }

    /// Loopback and the names RFC 6761 and RFC 2606 keep out of the public
    /// DNS (localhost, .test, .example, .invalid, .local): nobody else's.
    static func isPrivateName(_ host: String) -> Bool {
        let name = host.hasSuffix(".") ? String(host.dropLast()) : host
        if name == "localhost" || name == "[::1]" || name.hasPrefix("127.") { return true }
        return [".localhost", ".test", ".example", ".invalid", ".local"].contains { name.hasSuffix($0) }
            || ["test", "example", "invalid", "local"].contains(name)
    }
}
