import Foundation
import TrawlURL

/// What one worker of `--mode processes` is told in its `configure`
/// message: its shard, every seed, and the crawl's settings whole, as
/// `CrawlOptions.forShard(_:)` made them for it. JSON, so it stays readable
/// in a protocol trace and a setting added later cannot be silently misread
/// by position.
struct WorkerSettings: Codable, Sendable, Equatable {
    var shard: Int
    var shards: Int
    /// Every seed (all shards): `--scope host|domain` is relative to them.
    var seeds: [String]
    var options: CrawlOptions
    /// Set for a worker that takes over a shard whose worker died, or that
    /// resumes a crawl: it rebuilds its shard from the journal (seeds
    /// included) instead of being sent its seeds.
    var replay: Replay?

    /// Where a worker rebuilds its shard from.
    struct Replay: Codable, Sendable, Equatable {
        /// The coordinator's journal, `OUT/state.db`.
        var journalPath: String
        /// Pages committed up to this sequence number are replayed; the
        /// links of later ones arrive as `discover` messages.
        var throughSequence: Int64
    }

    /// The settings of worker `shard` of a crawl run with `options`.
    init(shard: Int, options: CrawlOptions, seeds: [WebURL], replay: Replay? = nil) {
        self.shard = shard
        shards = options.workers
        self.seeds = seeds.map(\.href)
        self.options = options.forShard(shard)
        self.replay = replay
    }

    func encoded() throws -> Data {
        try JSONEncoder.sorted.encode(self)
    }

    /// Decodes a `configure` payload; throws `.protocolViolation` naming
    /// what was wrong with it (a pattern that no longer compiles, too:
    /// it compiled in the parent, so that means a mismatched executable).
    static func decode(_ data: Data) throws(TrawlError) -> WorkerSettings {
        do {
            return try JSONDecoder().decode(WorkerSettings.self, from: data)
        } catch {
            throw TrawlError(.protocolViolation, "the coordinator's configure message is not valid worker settings", underlying: ReadFailure(error))
        }
    }

    /// The worker's crawl, built as a single-process crawl builds its own.
    var parts: CrawlParts {
        CrawlParts(options: options, seeds: seeds.compactMap { WebURL($0) })
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
