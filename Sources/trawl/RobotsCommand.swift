import ArgumentParser
import TrawlCore
import TrawlFetch
import TrawlURL

struct RobotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "robots",
        abstract: "Check URLs against a robots.txt file: prints 'allowed URL' or 'disallowed URL' per URL.",
        discussion: """
            Uses the crawler's own RFC 9309 matcher: the groups naming the user agent's product token \
            (the text before its first '/' or space) apply, else the '*' groups; the longest matching \
            rule decides and allow wins a tie. Every URL is checked before anything prints; one that is \
            not an absolute http(s) URL is named and the command exits 65. Use --robots - for stdin.
            """
    )

    @Option(name: .customLong("user-agent"), help: "User-Agent whose product token selects the group.")
    var userAgent: String = FetchConfiguration().userAgent

    @Option(help: ArgumentHelp("The robots.txt file to read (- for stdin).", valueName: "file"))
    var robots: String

    @Argument(help: "Absolute http(s) URLs to check, printed in this order.")
    var urls: [String] = []

    func validate() throws {
        if urls.isEmpty { throw ValidationError("give at least one URL to check") }
    }

    func run() throws {
        let bytes = try InputFile.bytes(robots, kind: "robots")
        var checked: [(argument: String, url: WebURL)] = []
        var bad: [String] = []
        for argument in urls {
            if let url = WebURL(argument), url.isHTTP {
                checked.append((argument, url))
            } else {
                bad.append(argument)
            }
        }
        for argument in bad {
            Terminal.fail("'\(argument)' is not an absolute http(s) URL")
        }
        if !bad.isEmpty { throw ExitCode(65) }

        let rules = RobotsTxt(parsing: bytes).rules(for: userAgent)
        for (argument, url) in checked {
            print("\(rules.isAllowed(url) ? "allowed" : "disallowed") \(argument)")
        }
    }
}
