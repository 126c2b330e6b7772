/// The hostile profile of a generated web: what it serves besides the
/// generated pages, the links it adds to every root page, and the truth
/// about both. Every host serves the same traps; only `robots.txt` (by
/// host index) and the ftp redirect (naming the host) differ.
struct HostileWeb: Sendable {
    let hostNames: [String]
    let robots: [RobotsVariant]

    init(hostNames: [String]) {
        self.hostNames = hostNames
        robots = hostNames.indices.map { RobotsVariant.forHost($0, of: hostNames.count) }
        _ = GzipBomb.bytes  // built now, not during the first request
    }

    /// What every root page links to, in order: one entry per trap, then
    /// the private page.
    static let rootLinks: [String] = Trap.allCases.map(\.path) + [HostileRoute.privatePath]

    /// `attempt`: how many earlier requests the server has counted for this
    /// path on this host (see `HostileRoute.isCounted`).
    func response(_ route: HostileRoute, host: Int, attempt: Int, latency: Duration) -> SyntheticResponse {
        switch route {
        case .robots: return robots[host].response(latency: latency)
        case .privatePage: return TrapPage.privatePage.response(latency: latency)
        case .chainHop(let hops): return Self.chainHop(hops, latency: latency)
        case .slowHop(let hops): return Self.slowHop(hops, latency: latency)
        case .loopBack: return .redirect(301, to: Trap.redirectLoop.path, latency: latency)
        case .calendar(let year, let month):
            return TrapPage.calendar(year: year, month: month).response(latency: latency)
        case .landing:
            return TrapPage.plain(title: "Found", text: "A link of a trap page led here.").response(latency: latency)
        case .trap(let trap): return response(trap, host: host, attempt: attempt, latency: latency)
        }
    }

    private func response(_ trap: Trap, host: Int, attempt: Int, latency: Duration) -> SyntheticResponse {
        if let response = TrapBodies.response(trap, latency: latency) { return response }
        if let page = Self.page(trap) { return page.response(latency: latency) }
        switch trap {
        case .redirectChain: return Self.chainHop(Trap.shortChainHops, latency: latency)
        case .longRedirectChain: return Self.chainHop(Trap.longChainHops, latency: latency)
        case .redirectLoop: return .redirect(301, to: HostileRoute.loopBackPath, latency: latency)
        case .redirectToFTP: return .redirect(302, to: "ftp://\(hostNames[host])/trap/file.txt", latency: latency)
        case .redirectToJavascript: return .redirect(302, to: "javascript:void(0)", latency: latency)
        case .redirectOutOfScope: return .redirect(302, to: "http://elsewhere.example/trap", latency: latency)
        case .redirectToPrivate: return .redirect(302, to: HostileRoute.privatePath, latency: latency)
        case .longLocation:
            let location = HostileRoute.landingPrefix + String(repeating: "a", count: Trap.longLocationBytes)
            return .redirect(302, to: location, latency: latency)
        case .slowRedirectChain: return Self.slowHop(Trap.slowChainHops, latency: latency)
        case .credentialsLink: return TrapPage.credentialsLink(host: hostNames[host]).response(latency: latency)
        case .longPath:
            return TrapPage.plain(title: "Found", text: "A long path led here.").response(latency: latency)
        case .tooManyRequests: return Self.onceThenOK(429, "too many requests\n", attempt: attempt, latency: latency)
        case .serviceUnavailable:
            return Self.onceThenOK(503, "service unavailable\n", attempt: attempt, latency: latency)
        case .serverError: return .plain(500, "internal server error\n", latency: latency)
        default: preconditionFailure("trap \(trap) has no response")
        }
    }

    /// The trap pages that are well-formed 200 HTML with links.
    static func page(_ trap: Trap) -> TrapPage? {
        switch trap {
        case .deepHTML: return .deep
        case .unclosedHTML: return .unclosed
        case .oddLinks: return .oddLinks
        case .longBase: return .longBase
        case .attributeBomb: return .attributeBomb
        case .backtrackingBait: return .backtracking
        case .hugeTitle: return .hugeTitle
        case .charsetInHeader: return .charsetInHeader
        case .charsetDefault: return .charsetDefault
        case .charsetInMeta: return .charsetInMeta
        case .calendar: return .calendar(year: Trap.calendarStart.year, month: Trap.calendarStart.month)
        default: return nil
        }
    }

    private static func slowHop(_ hops: Int, latency: Duration) -> SyntheticResponse {
        let next = hops <= 1 ? HostileRoute.landingPrefix + "slow-chain" : HostileRoute.slowChainPath(hops - 1)
        return .redirect(302, to: next, latency: latency + Trap.slowHopDelay)
    }

    private static func chainHop(_ hops: Int, latency: Duration) -> SyntheticResponse {
        .redirect(302, to: hops <= 1 ? "/" : HostileRoute.chainPath(hops - 1), latency: latency)
    }

    /// `status` with `retry-after: 1` on the first request, 200 afterwards.
    private static func onceThenOK(_ status: Int, _ text: String, attempt: Int, latency: Duration) -> SyntheticResponse
    {
        guard attempt == 0 else {
            return TrapPage.plain(title: "Retried", text: "The retry succeeded.").response(latency: latency)
        }
        var response = SyntheticResponse.plain(status, text, latency: latency)
        response.headers.append(("retry-after", "1"))
        return response
    }
}
