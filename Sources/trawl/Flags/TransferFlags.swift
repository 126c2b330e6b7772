import ArgumentParser
import TrawlFetch

/// How each request is made, as `crawl` and `compare` both take it.
/// Optional, so that `compare` passes on only what was given and a run
/// gets `crawl`'s defaults otherwise (those named in the help).
struct TransferFlags: ParsableArguments {
    /// libcurl counts whole milliseconds and reads 0 as "no timeout".
    static let timeoutRange = 0.001...86_400.0

    @Option(name: [.customShort("T"), .customLong("timeout")], parsing: .unconditional, help: ArgumentHelp(
        "Whole-transfer timeout, e.g. 30s, 500ms, 2m (default 30s). A bare number is seconds.",
        valueName: "duration"))
    var timeout: SecondsOrDuration?

    @Option(name: .customLong("connect-timeout"), parsing: .unconditional, help: ArgumentHelp(
        "Time to connect (DNS, TCP and TLS), e.g. 5s (default 10s). A bare number is seconds.",
        discussion: "libcurl's own default is 300 s; trawl has always used 10 s, so a dead host costs one slot 10 s, not 5 minutes.",
        valueName: "duration"))
    var connectTimeout: SecondsOrDuration?

    @Option(name: [.customShort("U"), .customLong("user-agent")], help: ArgumentHelp(
        "User-Agent header (default \(FetchConfiguration().userAgent)); robots.txt rules are matched against it.",
        valueName: "agent"))
    var userAgent: String?

    @Option(name: .customLong("connect-to"), help: ArgumentHelp(
        "libcurl CONNECT_TO entry HOST:PORT:CONNECT-HOST:CONNECT-PORT, e.g. ::127.0.0.1:8080 sends every host to a local server (repeatable).",
        valueName: "entry"))
    var connectTo: [String] = []

    func validate() throws {
        try timeout?.check("--timeout", within: Self.timeoutRange, "between 0.001 and 86400 seconds")
        try connectTimeout?.check("--connect-timeout", within: Self.timeoutRange, "between 1ms and 1d")
        if let userAgent, userAgent.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw ValidationError("--user-agent must not contain a line break or NUL")
        }
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ValidationError("--connect-to '\(entry)' is not HOST:PORT:CONNECT-HOST:CONNECT-PORT (e.g. ::127.0.0.1:8080)")
        }
    }

    /// The flags given, as a `crawl` run takes them (`compare` passes them on).
    var crawlArguments: [String] {
        var arguments: [String] = []
        if let timeout { arguments += ["--timeout", timeout.text] }
        if let connectTimeout { arguments += ["--connect-timeout", connectTimeout.text] }
        if let userAgent { arguments += ["--user-agent", userAgent] }
        for entry in connectTo { arguments += ["--connect-to", entry] }
        return arguments
    }
}
