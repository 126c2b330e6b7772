import ArgumentParser
import TrawlCore
import TrawlFetch

extension CrawlOptions.Mode: ExpressibleByArgument {}
extension CrawlOptions.InProcessMode: ExpressibleByArgument {}
extension CrawlScope.Rule: ExpressibleByArgument {}

/// The flags of `trawl crawl`, in the sections `--help` shows them in.
/// Each group checks its own flags; `validate()` here checks the ones that
/// involve two groups. `ReachFlags`, `StrategyFlags` and `TransferFlags`
/// are `compare`'s too.
struct CrawlFlags: ParsableArguments {
    @OptionGroup(title: "What to crawl") var seeds: SeedFlags
    @OptionGroup(title: "What to crawl") var reach: ReachFlags
    @OptionGroup(title: "What to crawl") var links: LinkRuleFlags
    @OptionGroup(title: "How fast") var speed: CrawlSpeedFlags
    @OptionGroup(title: "How fast") var strategy: StrategyFlags
    @OptionGroup(title: "Politeness") var politeness: PolitenessFlags
    @OptionGroup(title: "Limits") var limits: CrawlLimitFlags
    @OptionGroup(title: "Requests") var transfer: TransferFlags
    @OptionGroup(title: "Requests") var network: NetworkFlags
    @OptionGroup(title: "Output") var output: OutputFlags
    @OptionGroup(title: "Scale-out") var shared: FrontierFlags
    @OptionGroup(title: "Logging") var logging: LoggingFlags

    /// Refuses flags that cannot make a crawl together, or that would be
    /// silently ignored or change meaning, naming each flag involved.
    func validate() throws {
        if output.resume != nil, seeds.areGiven {
            throw ValidationError("--resume takes no seeds: it continues the crawl with the seeds it recorded")
        }
        if shared.frontier != nil {
            if output.resume != nil { throw ValidationError("--resume cannot be used with --frontier: a shared crawl's state is in Redis, and a process joins it with no seeds") }
            if speed.mode == .processes { throw ValidationError("--mode processes cannot be used with --frontier: start more trawl processes with --frontier instead, each with --mode async, threads or pool") }
            if reach.maxPages != nil { throw ValidationError("--max-pages cannot be used with --frontier yet: bound a shared crawl with --max-depth, --max-pages-per-host or --max-time") }
            if output.noState { throw ValidationError("--no-state means nothing with --frontier: a shared crawl keeps its state in Redis, never in OUT/state.db") }
        }
        if output.resume == nil && (shared.frontier == nil || seeds.areGiven) { _ = try seeds.source() }
        let mode = speed.mode, workers = strategy.workers, workerMode = strategy.workerMode
        if mode == .processes, speed.concurrency < workers {
            throw ValidationError("--concurrency (\(speed.concurrency)) must be at least --workers (\(workers)): it is split across the workers")
        }
        // The worker flags mean nothing in one process; ignoring them would
        // run a different crawl than the one asked for. (A flag given with
        // its default value cannot be told from an absent one, and asks
        // for nothing different.)
        let defaults = CrawlOptions()
        if mode != .processes, workers != defaults.workers {
            throw ValidationError("--workers \(workers) needs --mode processes (got --mode \(mode.rawValue), which runs in one process)")
        }
        if mode != .processes, workerMode != defaults.workerMode {
            throw ValidationError("--worker-mode \(workerMode.rawValue) needs --mode processes (got --mode \(mode.rawValue)); for one process use --mode \(workerMode.rawValue)")
        }
        if mode == .processes, network.cookieJar != nil {
            throw ValidationError("--cookie-jar cannot be used with --mode processes: each worker would keep, and write, its own jar")
        }
    }

    /// `--max-buffered-bytes` (0: no cap), else half of `--max-memory`
    /// (bodies in flight are what a crawl's memory swings with), else the
    /// fetchers' default.
    static func bodyBudget(flag: Int?, maxMemory: Int?) -> Int? {
        if let flag { return flag == 0 ? nil : flag }
        if let maxMemory { return maxMemory / 2 }
        return FetchConfiguration().maxBufferedBodyBytes
    }

    func options(outputDirectory: String) throws -> CrawlOptions {
        var options = CrawlOptions()
        options.mode = speed.mode
        options.concurrency = speed.concurrency
        options.workers = strategy.workers
        options.workerMode = strategy.workerMode
        options.limits = Frontier.Limits(maxDepth: reach.maxDepth, maxPages: reach.maxPages, perHost: speed.perHost,
                                         obeyRobots: !politeness.ignoreRobots, delay: politeness.delayDuration,
                                         maxPagesPerHost: limits.maxPagesPerHost,
                                         maxQueryVariants: limits.maxQueryVariants == 0 ? nil : limits.maxQueryVariants,
                                         maxPathSegments: limits.maxPathSegments == 0 ? nil : limits.maxPathSegments,
                                         maxPathRepeats: limits.maxPathRepeats == 0 ? nil : limits.maxPathRepeats,
                                         maxPathVariants: limits.maxPathVariants == 0 ? nil : limits.maxPathVariants,
                                         refuseBadPorts: !links.allowBadPorts)
        options.maxTime = limits.maxTime?.duration
        options.maxTitleBytes = limits.maxTitleLength
        options.maxMemoryBytes = limits.maxMemory?.bytes
        options.retry.statuses = Set(politeness.retryOn.codes)
        options.links = LinkFilter(
            stripQueryParameters: try links.stripQueryParams.map { try PatternMatcher($0, flag: "--strip-query-params") },
            maxURLLength: limits.maxURLLength, maxLinksPerPage: limits.maxLinksPerPage)
        options.retry.maxRetries = politeness.retries
        options.scopeRule = reach.scope ?? defaults.scopeRule
        options.allow = try links.allow.map { try PatternMatcher($0, flag: "--allow") }
        options.deny = try links.deny.map { try PatternMatcher($0, flag: "--deny") }
        options.includeOutOfScopeEdges = output.edges == .all
        if let timeout = transfer.timeout { options.fetch.timeout = timeout.duration }
        if let connectTimeout = transfer.connectTimeout { options.fetch.connectTimeout = connectTimeout.duration }
        options.fetch.maxBodyBytes = limits.maxBytes.bytes
        options.fetch.maxBufferedBodyBytes = Self.bodyBudget(flag: limits.maxBufferedBytes?.bytes, maxMemory: limits.maxMemory?.bytes)
        options.fetch.maxRedirects = limits.maxRedirects
        if let userAgent = transfer.userAgent { options.fetch.userAgent = userAgent }
        options.fetch.connectTo = transfer.connectTo
        options.fetch.headers = try network.requestHeaders()
        options.fetch.proxy = network.proxy
        // An explicit proxy takes every request, so the environment's is
        // not used: report.json says so instead of naming one.
        options.fetch.useProxyEnvironment = !network.noProxyEnv && network.proxy == nil
        options.fetch.cookieJar = network.cookieJar
        options.fetch.addressGuard.refusePrivate = network.denyPrivate
        options.fetch.addressGuard.refuseLinkLocal = !network.allowLinkLocal
        options.log = logging.settings
        options.keepsState = !output.noState
        options.outputDirectory = outputDirectory
        return options
    }

    private var defaults: CrawlOptions { CrawlOptions() }

    /// The settings a command line with no flags gives: what a flag left
    /// out means. `--resume` and a joining process take a setting from this
    /// command line only where it differs from these, so a flag the crawl
    /// was started with and this command line leaves out (`--max-path-variants
    /// 0`, whose default here is 1,000, not `CrawlOptions`'s none) is kept.
    static func defaultOptions() throws -> CrawlOptions {
        try CrawlFlags.parse(["http://defaults.invalid/"]).options(outputDirectory: "")
    }
}
