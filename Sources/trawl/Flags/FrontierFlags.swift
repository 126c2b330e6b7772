import ArgumentParser
import TrawlCore

/// `--frontier`: crawl on a frontier shared through Redis with any number
/// of other trawl processes, here or on other machines.
struct FrontierFlags: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Share the crawl's frontier through Redis: redis://HOST[:PORT]/NAME or unix:///PATH?crawl=NAME.",
        discussion: "With seeds: start crawl NAME (its settings are stored once). Without: join crawl NAME, by its stored settings."))
    var frontier: String?

    @Option(name: .customLong("lease-time"),
            help: "With --frontier: how long a URL stays leased to this process unless renewed; after a crash, how long its URLs wait (default 30s).")
    var leaseTime: DurationArgument<NoBareNumber>?

    func validate() throws {
        if let leaseTime, leaseTime.lacksUnit || leaseTime.duration < .milliseconds(300) || leaseTime.duration > .seconds(3600) {
            throw ValidationError("--lease-time must be between 300ms and 1h (got \(leaseTime.text))")
        }
        if leaseTime != nil, frontier == nil { throw ValidationError("--lease-time needs --frontier") }
    }

    /// This process's part in the shared crawl.
    func shared(role: SharedFrontier.Role) -> SharedFrontier? {
        frontier.map { SharedFrontier(endpoint: $0, role: role, leaseTime: leaseTime?.duration ?? .seconds(30)) }
    }
}
