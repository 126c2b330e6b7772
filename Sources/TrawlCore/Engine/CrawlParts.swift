import TrawlExtract
import TrawlFetch
import TrawlURL

/// What a crawl is built from its settings: the one place where
/// `CrawlOptions` become the strategy, the fetch configuration, the page
/// processor and the frontier's limits. A single-process crawl and every
/// worker of `--mode processes` (given `options.forShard(_:)`) call it, so
/// a setting means the same in every mode and a comparison of modes
/// measures the strategy alone.
struct CrawlParts {
    /// The strategy that runs the fetches in this process.
    let mode: CrawlOptions.InProcessMode
    /// Jobs in flight in this process at most.
    let concurrency: Int
    let fetch: FetchConfiguration
    let processor: PageProcessor
    let limits: Frontier.Limits

    /// `seeds` are every seed of the crawl, whatever process runs it:
    /// `--scope host|domain` is relative to them.
    init(options: CrawlOptions, seeds: [WebURL]) {
        mode = options.mode.inProcess ?? options.workerMode
        concurrency = options.concurrency
        var fetch = options.fetch
        // libcurl's connection cache holds at least one connection per
        // transfer in flight, so none is closed only to be opened again.
        fetch.maxConnections = max(fetch.maxConnections, options.concurrency)
        self.fetch = fetch
        let scope = CrawlScope(rule: options.scopeRule, seeds: seeds, allow: options.allow, deny: options.deny)
        processor = PageProcessor(scope: scope, includeOutOfScopeEdges: options.includeOutOfScopeEdges,
                                  userAgent: options.fetch.userAgent, retry: options.retry, links: options.links,
                                  extraction: ExtractionLimits(maxTitleBytes: options.maxTitleBytes))
        limits = options.limits
    }
}

extension CrawlOptions {
    /// The settings worker `shard` of `--mode processes` crawls with: the
    /// crawl's own, running the worker strategy, with its share of what is
    /// crawl-wide (the concurrency, the connection cache and the body
    /// budget, split evenly) and no page budget (the coordinator enforces
    /// `--max-pages` over every shard). `--per-host` needs no split: every
    /// host belongs to exactly one shard.
    func forShard(_ shard: Int) -> CrawlOptions {
        let share = { (total: Int) in ShardPlan.concurrency(ofShard: shard, total: total, shards: workers) }
        var options = self
        options.mode = Mode(rawValue: workerMode.rawValue) ?? .async
        options.concurrency = share(concurrency)
        options.fetch.maxConnections = max(1, share(fetch.maxConnections))
        options.fetch.maxBufferedBodyBytes = fetch.maxBufferedBodyBytes.map { max(1, share($0)) }
        options.limits.maxPages = nil
        return options
    }
}
