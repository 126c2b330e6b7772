import Foundation
import Testing

/// `CrawlFlags.validate()`: flags that cannot make a crawl, or that would be
/// ignored or change meaning silently, are refused by name with exit 64
/// (EX_USAGE) before anything runs.
@Suite(.timeLimit(.minutes(2)))
struct CrawlFlagsTests {
    /// `trawl crawl` of a valid seeds file with `flags`.
    static func crawl(_ flags: [String]) async throws -> TrawlProcess.Output {
        let seeds = try TrawlProcess.temporaryFile("seeds.txt", contents: "http://h0.trawl.test/\n")
        return try await TrawlProcess.run(["crawl", seeds, "--out", TrawlProcess.temporaryDirectory("flags")] + flags)
    }

    @Test(arguments: [
        (["--concurrency", "0"], "--concurrency must be at least 1 (got 0)"),
        (["--concurrency", "9223372036854775807"], "--concurrency must be at most 1000000 (got 9223372036854775807)"),
        (["--per-host", "0"], "--per-host must be at least 1 (got 0)"),
        (["--mode", "processes", "--workers", "0"], "--workers must be at least 1 (got 0)"),
        (["--mode", "processes", "--workers", "5000", "--concurrency", "5000"], "--workers must be at most 1024 (got 5000)"),
        (["--mode", "processes", "--workers", "3", "--concurrency", "2"], "--concurrency (2) must be at least --workers (3)"),
        (["--workers", "3"], "--workers 3 needs --mode processes (got --mode async, which runs in one process)"),
        (["--mode", "pool", "--worker-mode", "threads"], "--worker-mode threads needs --mode processes (got --mode pool); for one process use --mode threads"),
        (["--max-pages", "0"], "--max-pages must be at least 1 (got 0)"),
        (["--max-depth=-1"], "--max-depth must be 0 or more (got -1)"),
        (["--max-bytes", "0.1B"], "--max-bytes must be at least 1B (got 0 bytes)"),
        (["--timeout", "0"], "--timeout must be between 0.001 and 86400 seconds (got 0.0)"),
        (["--timeout", "0.0001"], "--timeout must be between 0.001 and 86400 seconds (got 0.0001)"),
        (["--timeout", "inf"], "--timeout must be between 0.001 and 86400 seconds (got inf)"),
        (["--max-redirects=-1"], "--max-redirects must be 0 or more (got -1)"),
        (["--connect-to", "127.0.0.1:8080"], "--connect-to '127.0.0.1:8080' is not HOST:PORT:CONNECT-HOST:CONNECT-PORT"),
        // A negative number is read as the flag's value, not as a flag.
        (["--concurrency", "-5"], "--concurrency must be at least 1 (got -5)"),
        (["--retries", "-1"], "--retries must be between 0 and 100 (got -1)"),
        (["--retries", "101"], "--retries must be between 0 and 100 (got 101)"),
        (["--max-links-per-page", "0"], "--max-links-per-page must be between 1 and 1000000 (got 0)"),
        (["--max-url-length", "10"], "--max-url-length must be between 16 and 1048576 bytes (got 10)"),
        (["--max-path-segments", "-1"], "--max-path-segments must be 0 (no limit) or more (got -1)"),
        (["--max-memory", "1MB"], "--max-memory must be at least 64MB: trawl itself needs about 40 MB (got 1MB)"),
        (["--max-time", "0s"], "--max-time must be at least 1ms (got 0s)"),
        (["--max-time", "40000d"], "--max-time must be at most 36500d (got 40000d)"),
        // Durations: every flag refuses a value out of its range by name,
        // in the unit it was written in (a bare number in the flag's own).
        (["--delay", "-5"], "--delay must be between 0 and 1d (got -5.0ms)"),
        (["--delay", "2d"], "--delay must be between 0 and 1d (got 2d)"),
        (["-w", "2"], "-w 2 needs a unit (2s or 2ms): wget reads a bare -w as seconds, --delay as milliseconds"),
        (["-w", "1s", "--delay", "5"], "-w and --delay both given: they are one setting"),
        (["-T", "2d"], "--timeout must be between 0.001 and 86400 seconds (got 2d)"),
        (["--connect-timeout", "0"], "--connect-timeout must be between 1ms and 1d (got 0.0)"),
        (["--connect-timeout", "0.1ms"], "--connect-timeout must be between 1ms and 1d (got 0.1ms)"),
        // --header, --proxy, --cookie-jar, --user-agent.
        (["--header", "Host: example.com"], "--header 'Host: example.com' sets Host, which trawl does not let a header replace"),
        (["--header", "X-A: 1\r\nX-B: 2"], "--header 'X-A: 1\\u{D}\\u{A}X-B: 2' has a line break or NUL in its value"),
        (["--header", "Bad Name: 1"], "--header 'Bad Name: 1' has no valid name before the colon"),
        (["--header", "X-Empty:"], "--header 'X-Empty:' has an empty value"),
        (["--header", "no colon"], "--header 'no colon' is not 'Name: value' (no colon)"),
        (Array(repeating: ["--header", "X-A: 1"], count: 65).flatMap { $0 }, "--header given 65 times; at most 64 headers are sent"),
        (["--header", "Cookie: a=b", "--cookie-jar", "/tmp/jar.txt"], "--header 'Cookie: …' and --cookie-jar both send cookies"),
        (["--proxy", "ftp://proxy.test:21"], "--proxy 'ftp://proxy.test:21' has scheme 'ftp'; a proxy is http, https, socks4, socks4a, socks5, socks5h"),
        (["--proxy", "proxy.test:3128"], "--proxy 'proxy.test:3128' is not a URL like http://proxy:3128"),
        (["--proxy", "http://alice:s3cret@proxy.test:3128/path"], "--proxy 'http://alice:****@proxy.test:3128/path' has a path or query"),
        (["--proxy", "http://"], "--proxy 'http://' names no host"),
        (["--cookie-jar", "-"], "--cookie-jar needs a file: '-' (standard input) cannot be written back"),
        (["--cookie-jar", "/nonexistent/folder/jar.txt"], "--cookie-jar '/nonexistent/folder/jar.txt': its folder '/nonexistent/folder' does not exist"),
        (["--cookie-jar", "/tmp"], "--cookie-jar '/tmp' is a directory"),
        (["--mode", "processes", "--cookie-jar", "/tmp/jar.txt"], "--cookie-jar cannot be used with --mode processes: each worker would keep, and write, its own jar"),
        (["-U", "me\nX-Injected: 1"], "--user-agent must not contain a line break or NUL"),
    ])
    func aBadFlagIsRefusedByName(flags: [String], message: String) async throws {
        let result = try await Self.crawl(flags)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: \(message)"), "\(result.stderr)")
    }

    /// Refused by the argument parser before `validate()`, naming the flag.
    @Test(arguments: [
        (["--max-bytes", "0"], "Error: The value '0' is invalid for '--max-bytes <max-bytes>'"),
        (["--mode", "processes", "--worker-mode", "processes"], "Error: The value 'processes' is invalid for '--worker-mode <worker-mode>'"),
        (["--deny", "(["], "trawl: error: --deny '([' is not a valid regular expression"),
        (["--retry-on", "99"], "Error: The value '99' is invalid for '--retry-on <codes>'"),
        (["--max-time", "soon"], "Error: The value 'soon' is invalid for '--max-time <max-time>'"),
        (["--delay", "2x"], "Error: The value '2x' is invalid for '--delay <duration>'"),
        (["--timeout", "nan"], "Error: The value 'nan' is invalid for '--timeout <duration>'"),
        (["--connect-timeout", "5 s"], "Error: The value '5 s' is invalid for '--connect-timeout <duration>'"),
    ])
    func aValueThatDoesNotParseIsRefusedByName(flags: [String], message: String) async throws {
        let result = try await Self.crawl(flags)
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
    }

    /// More sockets than the file-descriptor limit allows: refused as a
    /// flag (exit 64), naming the limit, before anything is fetched.
    @Test func aConcurrencyTheDescriptorLimitCannotHoldIsAUsageError() async throws {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        // A machine whose hard limit holds a million sockets has nothing to refuse.
        if limit.rlim_max >= 2_000_064 { return }
        let result = try await Self.crawl(["--concurrency", "1000000"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--concurrency 1000000 needs about 2000064 file descriptors but the limit is"), "\(result.stderr)")
    }

    /// `trawl crawl --help` shows its flags in sections, in this order;
    /// `compare` shows the sections of the flags it shares with `crawl`.
    @Test func helpGroupsTheFlagsInSections() async throws {
        let crawl = try await TrawlProcess.run(["crawl", "--help"])
        #expect(crawl.status == 0)
        let titles = ["WHAT TO CRAWL:", "HOW FAST:", "POLITENESS:", "LIMITS:", "REQUESTS:", "OUTPUT:", "LOGGING:"]
        let positions = titles.compactMap { crawl.stdout.range(of: "\n\($0)\n")?.lowerBound }
        #expect(positions.count == titles.count && positions == positions.sorted(), "\(crawl.stdout)")
        for short in ["-U, --user-agent", "-l, --max-depth", "-T, --timeout", "-w <duration>", "-q, --quiet", "-P, --out"] {
            #expect(crawl.stdout.contains(short), "\(short)")
        }
        let compare = try await TrawlProcess.run(["compare", "--help"])
        #expect(compare.status == 0)
        for title in ["WHAT TO CRAWL:", "HOW FAST:", "REQUESTS:"] { #expect(compare.stdout.contains("\n\(title)\n"), "\(title)") }
        #expect(compare.stdout.components(separatedBy: "--workers <workers>").count == 2)
    }

    /// The worker flags at their defaults ask for nothing different, so
    /// they pass in any mode (a crawl refused for its seeds shows it).
    @Test func workerFlagsAtTheirDefaultsAreAccepted() async throws {
        let empty = try TrawlProcess.temporaryFile("seeds.txt", contents: "")
        let result = try await TrawlProcess.run(["crawl", empty, "--workers", "2", "--worker-mode", "async", "--out", TrawlProcess.temporaryDirectory("flags")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no valid seed"))
    }
}

/// `trawl serve --docroot`: flags that only a generated web has a use for
/// are refused, and so is a docroot that is not a directory.
@Suite(.timeLimit(.minutes(1)))
struct ServeDocrootFlagsTests {
    @Test(arguments: [
        (["--docroot", "/tmp", "--truth", "/tmp/t.csv"], "--truth needs a generated web: a --docroot has no ground truth"),
        (["--docroot", "/tmp", "--pages", "5"], "--pages shapes a generated web and cannot be used with --docroot"),
        (["--docroot", "/tmp", "--profile", "hostile"], "--profile shapes a generated web and cannot be used with --docroot"),
    ])
    func conflictsAreRefusedByName(arguments: [String], message: String) async throws {
        let result = try await TrawlProcess.run(["serve", "--port", "0"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aMissingDocrootIsNamed() async throws {
        let result = try await TrawlProcess.run(["serve", "--port", "0", "--docroot", "/no/such/site"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("--docroot '/no/such/site': No such file or directory"), "\(result.stderr)")
    }
}
