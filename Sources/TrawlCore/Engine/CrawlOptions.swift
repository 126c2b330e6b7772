import TrawlExtract
import TrawlFetch

/// Everything one crawl needs besides its seeds, as plain values the CLI
/// fills in and validates: the crawl's one source of settings. Codable, so
/// that `--mode processes` sends it whole to each worker (as
/// `forShard(_:)` makes it), and `CrawlParts` builds a crawl from it the
/// same way in every process.
public struct CrawlOptions: Sendable, Codable, Equatable {
    public enum Mode: String, Sendable, CaseIterable, Codable {
        /// One libcurl multi event loop; every transfer awaited from a task.
        case async
        /// A new OS thread per request, blocking curl_easy_perform.
        case threads
        /// `--concurrency` long-lived threads pulling from one queue.
        case pool
        /// `workers` child processes, each owning a shard of the hosts and
        /// running `workerMode` inside.
        case processes

        /// The strategy that runs the fetches inside one process; nil for
        /// `processes`, which runs one per worker.
        public var inProcess: InProcessMode? { InProcessMode(rawValue: rawValue) }
    }

    /// The strategies that run inside one process: every mode but
    /// `processes`, and what each of its workers runs.
    public enum InProcessMode: String, Sendable, CaseIterable, Codable {
        case async, threads, pool
    }

    public var mode: Mode = .async
    /// Transfers in flight (and pages being parsed) at most, all hosts
    /// together. `processes` splits it across its workers (see
    /// `ShardPlan.concurrency(ofShard:)`).
    public var concurrency: Int = 64
    /// Depth, pages, per-host concurrency, robots.txt and per-host delay.
    public var limits = Frontier.Limits()
    /// Which failures are fetched again, how often, after how long.
    public var retry = RetryPolicy()
    /// Query parameters stripped from links, and the longest URL fetched.
    public var links = LinkFilter()
    public var scopeRule: CrawlScope.Rule = .host
    public var allow: [PatternMatcher] = []
    public var deny: [PatternMatcher] = []
    /// `--max-title-length`: UTF-8 bytes of a page's title kept.
    public var maxTitleBytes = ExtractionLimits().maxTitleBytes
    /// `--edges all`: keep out-of-scope link targets in edges.csv.
    public var includeOutOfScopeEdges = false
    public var fetch = FetchConfiguration()
    /// Output folder of this run (created if missing).
    public var outputDirectory: String = "output/crawl"
    /// `--overwrite`: an earlier crawl's files in the output folder are
    /// removed first (else such a folder is refused).
    public var overwriteOutput = false
    /// `--max-time`: the crawl stops (every export written) once it has
    /// run this long. nil: no limit.
    public var maxTime: Duration?
    /// `--max-memory`: the crawl stops before the resident memory of its
    /// process tree reaches this many bytes. nil: no limit.
    public var maxMemoryBytes: Int?

    /// `processes`: how many worker processes (shards).
    public var workers: Int = 2
    /// `processes`: the strategy inside each worker.
    public var workerMode: InProcessMode = .async
    /// `processes`: the trawl executable to start as a worker (it must
    /// understand `crawl-worker`); nil means this process's own executable.
    /// Tests, whose own executable is the test runner, set it.
    public var workerExecutable: String?
    /// How the crawl logs (`--log-level`, `--log-format`, `--log-file`).
    public var log = LogSettings()
    /// Journal the crawl's state in OUT/state.db so `--resume` can continue
    /// it after any crash (and, in `--mode processes`, restart a worker
    /// that dies); false with `--no-state`.
    public var keepsState = true
    /// `--frontier redis://…/NAME`: the crawl's frontier is shared in
    /// Redis with every process that joins it (no journal then: Redis
    /// keeps the state). nil: this process's own frontier.
    public var frontier: SharedFrontier?

    public init() {}
}

/// This process's part in a crawl on a shared frontier.
public struct SharedFrontier: Sendable, Codable, Equatable {
    public enum Role: String, Sendable, Codable {
        /// Stores the settings, adds the seeds, crawls, and at the end
        /// writes the whole crawl's exports from Redis.
        case start
        /// Crawls by the stored settings; exports its own pages.
        case join
        /// `trawl export`: crawls nothing, writes the exports from Redis.
        case export
    }

    /// `redis://HOST[:PORT]/NAME` or `unix:///PATH?crawl=NAME`.
    public var endpoint: String
    public var role: Role
    /// How long a lease lasts unless this process extends it (every third
    /// of it): after a crash, how long its URLs wait to be leased again.
    public var leaseTime: Duration

    public init(endpoint: String, role: Role, leaseTime: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.role = role
        self.leaseTime = leaseTime
    }
}
