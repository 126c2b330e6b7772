import Foundation
import TrawlFetch

/// The `trawl crawl` command line that runs a crawl with these options
/// again: every flag that shapes the result, spelled out even at its
/// default, so the command means the same crawl after a default changes.
/// report.json records it; `--out` is left out (a rerun gets a new folder).
/// Secrets are masked (`--proxy`'s password, credential-like `--header`
/// values), so such a command needs them filled in again.
public enum CrawlCommandLine {
    public static func arguments(options: CrawlOptions, seedsPath: String) -> [String] {
        var args = ["trawl", "crawl"] + SeedList.commandLineWords(path: seedsPath)
        args += ["--mode", options.mode.rawValue,
                 "--concurrency", "\(options.concurrency)", "--per-host", "\(options.limits.perHost)"]
        if options.mode == .processes {
            args += ["--workers", "\(options.workers)", "--worker-mode", options.workerMode.rawValue]
        }
        let limits = options.limits
        args += ["--scope", options.scopeRule.rawValue]
        for pattern in options.allow { args += ["--allow", pattern.pattern] }
        for pattern in options.deny { args += ["--deny", pattern.pattern] }
        args += ["--edges", options.includeOutOfScopeEdges ? "all" : "in-scope"]
        if let maxDepth = limits.maxDepth { args += ["--max-depth", "\(maxDepth)"] }
        if let maxPages = limits.maxPages { args += ["--max-pages", "\(maxPages)"] }
        if let maxTime = options.maxTime { args += ["--max-time", "\(maxTime.milliseconds / 1000)s"] }
        if let bytes = options.maxMemoryBytes { args += ["--max-memory", "\(bytes)B"] }
        if let cap = limits.maxPagesPerHost { args += ["--max-pages-per-host", "\(cap)"] }
        // 0 turns a trap limit off.
        args += ["--max-query-variants", "\(limits.maxQueryVariants ?? 0)",
                 "--max-path-segments", "\(limits.maxPathSegments ?? 0)",
                 "--max-path-repeats", "\(limits.maxPathRepeats ?? 0)",
                 "--max-path-variants", "\(limits.maxPathVariants ?? 0)",
                 "--max-url-length", "\(options.links.maxURLLength)",
                 "--max-links-per-page", "\(options.links.maxLinksPerPage)",
                 "--max-title-length", "\(options.maxTitleBytes)"]
        for pattern in options.links.stripQueryParameters { args += ["--strip-query-params", pattern.pattern] }
        if !limits.obeyRobots { args.append("--ignore-robots") }
        if !limits.refuseBadPorts { args.append("--allow-bad-ports") }
        if !options.fetch.useProxyEnvironment { args.append("--no-proxy-env") }
        // Masked: a proxy's password, like a credential-like header's
        // value, is worth nothing in a record and everything to a reader.
        if let proxy = options.fetch.proxy { args += ["--proxy", ProxyEnvironment.masked(proxy)] }
        for header in options.fetch.headers {
            args += ["--header", header.isCredential ? "\(header.name): ****" : header.line]
        }
        if let jar = options.fetch.cookieJar { args += ["--cookie-jar", jar] }
        args += ["--delay", "\(Int64(limits.delay.milliseconds))",
                 "--retries", "\(options.retry.maxRetries)",
                 "--retry-on", options.retry.statuses.sorted().map(String.init).joined(separator: ","),
                 "--timeout", "\(options.fetch.timeout.milliseconds / 1000)",
                 "--connect-timeout", "\(Int64(options.fetch.connectTimeout.milliseconds))ms",
                 "--max-bytes", "\(options.fetch.maxBodyBytes)B",
                 "--max-buffered-bytes", options.fetch.maxBufferedBodyBytes.map { "\($0)B" } ?? "0",
                 "--max-redirects", "\(options.fetch.maxRedirects)",
                 "--user-agent", options.fetch.userAgent]
        if options.fetch.addressGuard.refusePrivate { args.append("--deny-private") }
        if !options.fetch.addressGuard.refuseLinkLocal { args.append("--allow-link-local") }
        for entry in options.fetch.connectTo { args += ["--connect-to", entry] }
        return args
    }

    /// `text` as one word for a POSIX shell: bare when it is made only of
    /// characters no shell treats specially, else in single quotes.
    public static func shellQuoted(_ text: String) -> String {
        let safe = text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: ":"),
                 UInt8(ascii: ","), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"):
                true
            default: false
            }
        }
        if safe && !text.isEmpty { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
