/// One group of a robots.txt: the user-agent lines that open it and the
/// lines that follow until the next user-agent line after a rule.
struct RobotsGroup: Sendable, Equatable {
    /// Lower-cased product tokens this group names.
    var agents: Set<String> = []
    /// A `user-agent: *` line opened it.
    var namesEveryAgent = false
    var rules: [RobotsRule] = []
    /// The largest valid crawl-delay among the group's lines.
    var crawlDelay: Double?

    mutating func add(_ named: RobotsProductToken.Named) {
        switch named {
        case .everyAgent: namesEveryAgent = true
        case .agent(let token): agents.insert(token)
        case .nothing: break
        }
    }
}
