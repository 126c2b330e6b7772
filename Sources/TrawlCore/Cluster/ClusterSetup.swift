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
        guard let settings = try storedIfAny(at: endpoint, giveUpAfter: giveUpAfter)?.settings else {
            throw noSuchCrawl(endpoint)
        }
        return settings
    }

    static func noSuchCrawl(_ endpoint: RedisEndpoint) -> TrawlError {
        TrawlError(.badState, "no crawl named \(endpoint.crawl) on redis at \(endpoint.server): start it with seeds (trawl crawl SEEDS --frontier \(endpoint))")
    }

    /// The settings, and whether the starting process has added the seeds.
    static func storedIfAny(at endpoint: RedisEndpoint, giveUpAfter: Duration?) throws(TrawlError)
        -> (settings: ClusterSettings, seeded: Bool)? {
        let store = makeStore(endpoint, settings: nil, giveUpAfter: giveUpAfter)
        let stored: (settings: [UInt8], seeded: Bool)?
        do {
            stored = try store.storedSettings()
        } catch {
            throw TrawlError(error)
        }
        guard let stored else { return nil }
        return (try ClusterSettings.decode(stored.settings, crawl: endpoint.crawl), stored.seeded)
    }

    /// How long a joining process waits for the crawl it names to be
    /// started: processes of a cluster are often launched together, and
    /// the starter may store the settings a moment after a joiner asks.
    public static let joinWait: Duration = .seconds(30)

    /// The stored settings of a crawl whose seeds are in, waiting up to
    /// `joinWait` for them (saying so once on stderr): a joiner that came
    /// before the seeds would find nothing to do and take the crawl for
    /// finished.
    public static func awaitStored(at endpoint: RedisEndpoint) throws(TrawlError) -> ClusterSettings {
        let deadline = ContinuousClock.now + joinWait
        var told = false
        while ContinuousClock.now < deadline {
            if let stored = try storedIfAny(at: endpoint, giveUpAfter: nil), stored.seeded { return stored.settings }
            if !told {
                FileHandle.standardError.write(Data("trawl: waiting up to \(Int(joinWait.milliseconds / 1000)) s for crawl \(endpoint.crawl) to be started on redis at \(endpoint.server)\n".utf8))
                told = true
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        guard try storedIfAny(at: endpoint, giveUpAfter: nil) != nil else { return try stored(at: endpoint) }
        throw TrawlError(.badState, "crawl \(endpoint.crawl) on redis at \(endpoint.server) was created but its seeds were never added (did its starting process die?): start it again under another name")
    }

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
            try store.markSeeded()
        } catch {
            throw TrawlError(frontierWork: error, otherwise: .frontierFailed)
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
