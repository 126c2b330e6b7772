import Foundation
import TrawlRedis
import TrawlURL

/// The first Redis calls of a shared-frontier crawl: a starting process
/// stores the crawl's settings and adds the seeds; a joining one (and
/// `trawl export`, `trawl status`) reads the stored settings.
///
/// Each call is synchronous and makes its own connection, which it drops
/// before returning: a connection belongs to one thread, and these run
/// once, before the pump's thread takes over.
public enum ClusterSetup {
    /// Parses `--frontier`, naming the flag in the error.
    public static func endpoint(_ text: String) throws(TrawlError) -> RedisEndpoint {
        do {
            return try RedisEndpoint(parsing: text, option: "--frontier")
        } catch {
            throw TrawlError(.badOption, error.message)
        }
    }

    /// The stored settings of the crawl at `endpoint`; `.badState` when
    /// none was started under that name.
    /// `giveUpAfter`: how long to wait for an unreachable Redis (nil:
    /// as long as it takes, as a crawling process does).
    public static func stored(at endpoint: RedisEndpoint, giveUpAfter: Duration? = nil) throws(TrawlError) -> ClusterSettings {
        let store = makeStore(endpoint, settings: nil, giveUpAfter: giveUpAfter)
        let bytes: [UInt8]?
        do {
            bytes = try store.storedSettings()
        } catch {
            throw TrawlError(.frontierFailed, error.message)
        }
        guard let bytes else {
            throw TrawlError(.badState, "no crawl named \(endpoint.crawl) on redis at \(endpoint.server): start it with seeds (trawl crawl SEEDS --frontier \(endpoint))")
        }
        return try ClusterSettings.decode(bytes, crawl: endpoint.crawl)
    }

    /// Stores a new crawl's settings and adds its seeds at depth 0. Refuses
    /// (`.badOption`) a name already taken: seeds given to a running crawl
    /// would silently start nothing new.
    static func start(at endpoint: RedisEndpoint, options: CrawlOptions, seeds: [WebURL]) throws(TrawlError) -> ClusterSettings {
        let settings = ClusterSettings(seeds: seeds.map(\.href), options: options, partitions: ClusterLayout.partitions,
                                       fingerprint: .random())
        let encoded: [UInt8]
        do {
            encoded = try settings.encoded()
        } catch {
            throw TrawlError(.badOption, "the crawl's settings cannot be stored: \(error)")
        }
        let store = makeStore(endpoint, settings: settings)
        do {
            let stored = try store.configure(settingsJSON: encoded)
            guard stored == encoded else {
                throw TrawlError(.badOption, "a crawl named \(endpoint.crawl) already exists on redis at \(endpoint.server): join it with no seeds (trawl crawl --frontier \(endpoint)), or start this one under another name")
            }
            let frontier = LeaseFrontier(limits: options.limits, fingerprint: settings.fingerprint)
            try store.add(frontier.entries(seeds.map { ($0.href, $0.origin) }, depth: 0, referrer: nil))
        } catch let error as RedisError {
            throw TrawlError(.frontierFailed, error.message)
        } catch let error as TrawlError {
            throw error
        } catch {
            throw TrawlError(.frontierFailed, "\(error)")
        }
        return settings
    }

    static func makeStore(_ endpoint: RedisEndpoint, settings: ClusterSettings?,
                          giveUpAfter: Duration? = nil) -> RedisFrontierStore {
        let redis = ReconnectingRedis(endpoint: endpoint, giveUpAfter: giveUpAfter) { retry in
            FileHandle.standardError.write(Data("trawl: \(retry.description)\n".utf8))
        }
        return RedisFrontierStore(redis: redis, crawl: endpoint.crawl, partitions: settings?.partitions ?? 1,
                                  policy: settings?.policy ?? FrontierPolicy())
    }
}
