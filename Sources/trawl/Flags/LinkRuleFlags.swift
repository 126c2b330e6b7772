import ArgumentParser

/// Which links `trawl crawl` follows beyond its scope: patterns that let
/// a URL in or keep it out, query parameters dropped, and bad ports.
struct LinkRuleFlags: ParsableArguments {
    @Option(help: ArgumentHelp("Follow only URLs matching this regular expression (repeatable).", valueName: "regex"))
    var allow: [String] = []

    @Option(help: ArgumentHelp("Never follow URLs matching this regular expression (repeatable).", valueName: "regex"))
    var deny: [String] = []

    @Option(name: .customLong("strip-query-params"), help: ArgumentHelp(
        "Remove query parameters whose name matches this regular expression from every link (repeatable), e.g. '^(utm_|sessionid$)'.",
        valueName: "regex"))
    var stripQueryParams: [String] = []

    @Flag(name: .customLong("allow-bad-ports"), help: ArgumentHelp(
        "Follow links to the Fetch Standard's bad ports (25, 110, 143, 6665-6669, …), which trawl refuses as browsers do.",
        discussion: "A seed on such a port is always fetched: you named it."))
    var allowBadPorts = false
}
