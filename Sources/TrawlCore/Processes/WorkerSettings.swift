import Foundation
import TrawlExtract
import TrawlFetch
import TrawlURL

/// What one worker of `--mode processes` is told in its `configure`
/// message: the parent's crawl settings, its shard, and its share of the
/// concurrency. JSON, so it stays readable in a protocol trace and a
/// setting added later cannot be silently misread by position.
struct WorkerSettings: Codable, Sendable {
    var shard: Int
    var shards: Int
    var mode: CrawlOptions.InProcessMode
    /// This worker's share of `--concurrency`.
    var concurrency: Int
    /// The crawl's frontier limits, whole, but with no page budget: the
    /// parent enforces --max-pages over every shard.
    var limits: Frontier.Limits
    var scopeRule: CrawlScope.Rule
    /// Every seed (all shards): `--scope host|domain` is relative to them.
    var seeds: [String]
    var allow: [String]
    var deny: [String]
    var includeOutOfScopeEdges: Bool
    var fetch: FetchConfiguration
    var retry: RetryPolicy
    var stripQueryParameters: [String]
    var maxURLLength: Int
    var maxLinksPerPage: Int
    var maxTitleBytes: Int

    /// The settings of worker `shard` of a crawl run with `options`.
    init(shard: Int, options: CrawlOptions, seeds: [WebURL]) {
        self.shard = shard
        shards = options.workers
        mode = options.workerMode
        concurrency = ShardPlan.concurrency(ofShard: shard, total: options.concurrency, shards: options.workers)
        limits = options.limits
        limits.maxPages = nil
        scopeRule = options.scopeRule
        self.seeds = seeds.map(\.href)
        allow = options.allow.map(\.pattern)
        deny = options.deny.map(\.pattern)
        includeOutOfScopeEdges = options.includeOutOfScopeEdges
        fetch = options.fetch
        fetch.maxConnections = concurrency
        // The crawl's body budget, split like the concurrency.
        fetch.maxBufferedBodyBytes = options.fetch.maxBufferedBodyBytes.map {
            max(1, ShardPlan.concurrency(ofShard: shard, total: $0, shards: options.workers))
        }
        retry = options.retry
        stripQueryParameters = options.links.stripQueryParameters.map(\.pattern)
        maxURLLength = options.links.maxURLLength
        maxLinksPerPage = options.links.maxLinksPerPage
        maxTitleBytes = options.maxTitleBytes
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(self)
    }

    /// Decodes a `configure` payload; throws `.protocolViolation` naming
    /// what was wrong with it.
    static func decode(_ data: Data) throws(TrawlError) -> WorkerSettings {
        do {
            return try JSONDecoder().decode(WorkerSettings.self, from: data)
        } catch {
            throw TrawlError(.protocolViolation, "the coordinator's configure message is not valid worker settings", underlying: ReadFailure(error))
        }
    }

    /// The page processor every worker builds the same way the
    /// single-process engine does. Throws `.badOption` for a pattern that
    /// no longer compiles (it compiled in the parent, so this means a
    /// mismatched executable).
    func makeProcessor() throws -> PageProcessor {
        let seedURLs = seeds.compactMap { WebURL($0) }
        let scope = CrawlScope(
            rule: scopeRule, seeds: seedURLs,
            allow: try allow.map { try PatternMatcher($0, flag: "--allow") },
            deny: try deny.map { try PatternMatcher($0, flag: "--deny") })
        let links = LinkFilter(
            stripQueryParameters: try stripQueryParameters.map { try PatternMatcher($0, flag: "--strip-query-params") },
            maxURLLength: maxURLLength, maxLinksPerPage: maxLinksPerPage)
        return PageProcessor(scope: scope, includeOutOfScopeEdges: includeOutOfScopeEdges, userAgent: fetch.userAgent,
                             retry: retry, links: links, extraction: ExtractionLimits(maxTitleBytes: maxTitleBytes))
    }
}

/// How `--mode processes` divides the crawl between its workers.
public enum ShardPlan {
    /// Worker `shard`'s share of `total` concurrency: an even split, the
    /// remainder going to the first shards, so the shares add up to
    /// `total` exactly. (`--per-host` needs no split: every host belongs
    /// to exactly one shard.)
    public static func concurrency(ofShard shard: Int, total: Int, shards: Int) -> Int {
        total / shards + (shard < total % shards ? 1 : 0)
    }
}
