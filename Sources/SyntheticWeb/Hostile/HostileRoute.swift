/// The paths the hostile profile answers itself, before the generated
/// pages are asked.
enum HostileRoute: Hashable, Sendable {
    case robots
    /// `/private/1`: a page `robots.txt` disallows on most hosts.
    case privatePage
    /// `/trap/redirect/chain/N`: N hops left to the root page.
    case chainHop(Int)
    /// `/trap/redirect/slow/N`: N slow hops left to a landing page.
    case slowHop(Int)
    /// `/trap/redirect/loop/b`, the second half of the loop.
    case loopBack
    case trap(Trap)
    /// `/trap/calendar/YEAR/MM`.
    case calendar(year: Int, month: Int)
    /// `/trap/found/…`: where the links of the trap pages lead.
    case landing

    static let privatePath = "/private/1"
    static let loopBackPath = "/trap/redirect/loop/b"
    static let landingPrefix = "/trap/found/"
    static let calendarPrefix = "/trap/calendar/"

    /// Every fixed path: the ones whose requests the server counts.
    private static let fixed: [String: HostileRoute] = {
        var routes: [String: HostileRoute] = [
            "/robots.txt": .robots, privatePath: .privatePage, loopBackPath: .loopBack,
        ]
        for hops in 1...Trap.longChainHops { routes[chainPath(hops)] = .chainHop(hops) }
        for hops in 1...Trap.slowChainHops { routes[slowChainPath(hops)] = .slowHop(hops) }
        for trap in Trap.allCases { routes[trap.path] = .trap(trap) }  // the chains' entries among them
        return routes
    }()

    static func chainPath(_ hops: Int) -> String { "/trap/redirect/chain/\(hops)" }
    static func slowChainPath(_ hops: Int) -> String { "/trap/redirect/slow/\(hops)" }

    static func calendarPath(year: Int, month: Int) -> String {
        "\(calendarPrefix)\(year)/\(month < 10 ? "0" : "")\(month)"
    }

    /// Nil for a path the hostile profile leaves to the generated web.
    init?(path: Substring) {
        if let route = Self.fixed[String(path)] {
            self = route
        } else if path.hasPrefix(Self.landingPrefix) {
            self = .landing
        } else if path.hasPrefix(Self.calendarPrefix), let (year, month) = Self.yearAndMonth(path) {
            self = .calendar(year: year, month: month)
        } else {
            return nil
        }
    }

    /// Whether the server counts requests of this route per path: true for
    /// the fixed paths, false for the endless calendar and the landing pages.
    var isCounted: Bool {
        switch self {
        case .calendar, .landing: return false
        default: return true
        }
    }

    /// `/trap/calendar/2026/11` → (2026, 11); the year has no leading zero
    /// and at most 9 digits, the month exactly two.
    private static func yearAndMonth(_ path: Substring) -> (Int, Int)? {
        let parts = path.dropFirst(calendarPrefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...9).contains(parts[0].count), parts[0].first != "0", parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month)
        else { return nil }
        return (year, month)
    }
}
