import Foundation
import TrawlRedis

/// What a crawl on a shared frontier stores once, at its start, under
/// `trawl:{NAME}:settings`: every process that joins reads it and crawls
/// by it, so scope, limits and politeness are one crawl's however many
/// processes run it. JSON, so `redis-cli GET` shows it.
public struct ClusterSettings: Codable, Sendable, Equatable {
    /// The layout this build reads; a crawl stored by another is refused.
    static let currentFormat = 1

    var format: Int
    /// Every seed: `--scope host|domain` is relative to them.
    public var seeds: [String]
    /// The starting process's settings (its output folder and other
    /// per-process ones are ignored by a joiner).
    public var options: CrawlOptions
    /// Partitions of the frontier (hosts spread by FNV-1a of their key).
    public var partitions: Int
    /// The fingerprint key (`ClusterFingerprint`), two words.
    var fingerprintKey: [UInt64]

    init(seeds: [String], options: CrawlOptions, partitions: Int, fingerprint: ClusterFingerprint) {
        format = Self.currentFormat
        self.seeds = seeds
        self.options = options
        self.partitions = partitions
        fingerprintKey = [fingerprint.k0, fingerprint.k1]
    }

    var fingerprint: ClusterFingerprint {
        ClusterFingerprint(k0: fingerprintKey.first ?? 0, k1: fingerprintKey.dropFirst().first ?? 0)
    }

    /// The frontier's politeness and caps, from the crawl's limits.
    var policy: FrontierPolicy {
        let limits = options.limits
        return FrontierPolicy(obeyRobots: limits.obeyRobots, maxPerHost: limits.perHost,
                              delayMs: Int64(limits.delay.milliseconds.rounded()),
                              bucketsPerPartition: ClusterLayout.bucketsPerPartition,
                              maxAttempts: max(ClusterLayout.maxAttempts, options.retry.maxRetries + 4),
                              maxPagesPerHost: limits.maxPagesPerHost, maxQueryVariants: limits.maxQueryVariants,
                              maxPathVariants: limits.maxPathVariants)
    }

    func encoded() throws -> [UInt8] {
        Array(try JSONEncoder.sorted.encode(self))
    }

    /// Decodes the stored settings of crawl `name`, naming what is wrong.
    static func decode(_ bytes: [UInt8], crawl name: String) throws(TrawlError) -> ClusterSettings {
        let settings: ClusterSettings
        do {
            settings = try JSONDecoder().decode(ClusterSettings.self, from: Data(bytes))
        } catch {
            throw TrawlError(.badState, "the stored settings of crawl \(name) are not trawl's (or are corrupt)", underlying: ReadFailure(error))
        }
        guard settings.format == currentFormat, settings.fingerprintKey.count == 2, settings.partitions >= 1 else {
            throw TrawlError(.badState, "crawl \(name) was stored in format \(settings.format) by another trawl; this one reads format \(currentFormat)")
        }
        return settings
    }
}

/// The fixed shape of a shared frontier.
enum ClusterLayout {
    /// Enough to spread a crawl over a Redis Cluster's nodes (each
    /// partition is one hash slot), few enough that a status or
    /// termination check (one read per partition) stays cheap.
    static let partitions = 16
    /// 4,096 buckets per partition keep every bucket an intset (≤ 512
    /// members) up to 32 million URLs.
    static let bucketsPerPartition = 4096
    /// Leases one item gets before the frontier gives up on it: a page
    /// that has killed 8 workers (or timed out 8 leases) is not a page to
    /// try a ninth time. Retries of transient failures also count, and
    /// `--retries` stays below it.
    static let maxAttempts = 8
}
