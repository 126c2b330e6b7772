/// The ground truth of the hostile profile (`SyntheticWebConfig.profile`).
extension SyntheticWeb {
    /// The profile the web was generated with (a hand-written web: normal).
    public var profile: SyntheticWebConfig.Profile {
        guard case .generated(let web) = storage else { return .normal }
        return web.config.profile
    }

    /// The traps of every host, in host order (each host's traps, then its
    /// robots.txt entry); empty in the normal profile. See
    /// `TrapExpectation` for the outcomes and their alternatives.
    ///
    /// Every host `hK.trawl.test` keeps its generated pages, and its root page
    /// also links (root-relative, in `<ul id="traps">`) to one entry per trap
    /// under `/trap/` and to `/private/1`. `hostileTraps()` lists them with
    /// the outcome a crawler should report; `truthEdges()` stays the served
    /// link graph:
    /// - it includes the root page's links to the traps (every trap URL is a
    ///   target, whatever happens when it is fetched), and the links of the
    ///   trap pages that are well-formed 200 HTML: `/private/1`, the pages
    ///   under `/trap/html/` and `/trap/charset/` (their targets are landing
    ///   pages under `/trap/found/` without links, and the odd-links page
    ///   itself for its empty href);
    /// - it leaves out the links of the endless calendar (under
    ///   `/trap/calendar/`, `linksInTruth == false`): drop a crawl's edges
    ///   from there before comparing;
    /// - it ignores robots.txt: `truthEdges(obeyingRobots: true)` drops the
    ///   edges whose source a crawler that obeys it never fetches.
    /// Redirects, failures, retries (whose 200 has no links) and non-HTML
    /// bodies add no sources. `pageCount` and `pageURLs()` still count the
    /// generated pages only.
    public func hostileTraps() -> [TrapExpectation] {
        guard case .generated(let web) = storage, let hostile = web.hostile else { return [] }
        return hostile.expectations()
    }

    /// The robots.txt a host serves in the hostile profile (see
    /// `RobotsVariant` for the host-index mapping); nil for a host that is
    /// not one of ours and in the normal profile, where it is 404.
    public func robotsVariant(host: String) -> RobotsVariant? {
        guard case .generated(let web) = storage, let hostile = web.hostile,
            let index = web.hostIndex[RequestTarget.hostName(host[...])]
        else { return nil }
        return hostile.robots[index]
    }

    /// `truthEdges()`, less (when `obeyingRobots`) the edges whose source
    /// lies under a `robots-disallowed` or `robots-unavailable` prefix of
    /// `hostileTraps()`: what a
    /// crawler that obeys robots.txt (a 5xx robots.txt disallowing all, as
    /// RFC 9309 says) can see, calendar pages apart.
    public func truthEdges(obeyingRobots: Bool) -> [String] {
        let disallowed =
            obeyingRobots
            ? hostileTraps().filter {
                $0.match == .prefix && ($0.outcome == "robots-disallowed" || $0.outcome == "robots-unavailable")
            } : []
        guard !disallowed.isEmpty else { return truthEdges() }
        return truthEdges().filter { line in
            let source = String(line.prefix { $0 != "," })
            return !disallowed.contains { $0.covers(source) }
        }
    }
}
