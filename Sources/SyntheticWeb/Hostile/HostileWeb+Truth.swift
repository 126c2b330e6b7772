/// The ground truth of the hostile profile: which trap pages' links are
/// edges, and what a crawler should report for every trap.
extension HostileWeb {
    /// The pages whose links `truthEdges()` lists, with their targets
    /// (canonical paths), sorted by path byte-wise: the private page and
    /// the trap pages of well-formed 200 HTML, but not the calendar, whose
    /// pages go on forever. Every other trap page fails, or has no links.
    static let truthPages: [(path: String, targets: [String])] = {
        var pages: [(path: String, targets: [String])] = [(HostileRoute.privatePath, TrapPage.privatePage.targets)]
        for trap in Trap.allCases where trap != .calendar {
            if let page = page(trap) { pages.append((trap.path, page.targets)) }
        }
        // Its link names each host, so it is made per request.
        pages.append((Trap.credentialsLink.path, TrapPage.credentialsLink(host: "").targets))
        return pages.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }()

    /// Every trap of every host, in host order: one entry per trap, then
    /// one for what the host's robots.txt disallows.
    func expectations() -> [TrapExpectation] {
        hostNames.indices.flatMap { host in
            let origin = "http://\(hostNames[host])"
            return Trap.allCases.map { trap in
                if trap == .redirectToPrivate { return redirectToPrivateExpectation(host: host, origin: origin) }
                if trap == .longPath { return longPathExpectation(host: host, origin: origin) }
                guard trap == .calendar else {
                    return TrapExpectation(
                        url: origin + trap.path, outcome: trap.outcome, alternatives: trap.alternatives, note: trap.note
                    )
                }
                return TrapExpectation(
                    url: origin + HostileRoute.calendarPrefix, match: .prefix, outcome: nil, linksInTruth: false,
                    note: "\(trap.path) is linked from the root page; " + trap.note)
            } + [robotsExpectation(host: host, origin: origin)]
        }
    }

    /// A hop into /private/1 ends as a link to it would: judged by the
    /// host's robots.txt.
    private func redirectToPrivateExpectation(host: Int, origin: String) -> TrapExpectation {
        let trap = Trap.redirectToPrivate
        let robotsOutcome = robotsExpectation(host: host, origin: origin)
        return TrapExpectation(url: origin + trap.path, outcome: robotsOutcome.outcome,
                               alternatives: robotsOutcome.alternatives, note: trap.note)
    }

    private func longPathExpectation(host: Int, origin: String) -> TrapExpectation {
        let trap = Trap.longPath
        let variant = robots[host]
        guard !variant.allowsLongPath else { return TrapExpectation(url: origin + trap.path, outcome: nil, note: trap.note) }
        let outcome = variant == .serverError ? "robots-unavailable" : "robots-disallowed"
        return TrapExpectation(url: origin + trap.path, outcome: outcome,
                               alternatives: variant == .serverError ? [nil] : [], note: trap.note)
    }

    private func robotsExpectation(host: Int, origin: String) -> TrapExpectation {
        let variant = robots[host]
        let url = origin + (variant.disallowedPrefix ?? "/private/")
        let rules = "robots.txt (\(variant.rawValue))"
        switch variant {
        case .disallowPrivate:
            return TrapExpectation(
                url: url, match: .prefix, outcome: "robots-disallowed",
                note: "\(rules) disallows /private/; the root page links to \(HostileRoute.privatePath)")
        case .crawlDelay:
            return TrapExpectation(
                url: url, match: .prefix, outcome: "robots-disallowed",
                note: "\(rules) disallows /private/ and asks for Crawl-delay: 1 (one request per second to this host)")
        case .notFound:
            return TrapExpectation(
                url: url, match: .prefix, outcome: nil,
                note: "\(rules) answers 404: nothing is disallowed, \(HostileRoute.privatePath) is crawled")
        case .serverError:
            return TrapExpectation(
                url: url, match: .prefix, outcome: "robots-unavailable", alternatives: [nil],
                note:
                    "\(rules) answers 500: RFC 9309 says assume complete disallow, so not even the root page is fetched; its pages say robots-unavailable, not robots-disallowed"
            )
        case .disallowAll:
            return TrapExpectation(
                url: url, match: .prefix, outcome: "robots-disallowed",
                note: "\(rules) disallows everything: not even the root page is fetched")
        case .costly:
            return TrapExpectation(
                url: url, match: .prefix, outcome: "robots-disallowed",
                note: "\(rules) disallows /private/, then holds ~500 KiB of rules built to be slow to match")
        }
    }
}
