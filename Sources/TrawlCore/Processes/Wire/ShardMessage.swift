import Foundation
import TrawlFetch

/// A URL routed to the shard that owns its host.
public struct DiscoveredURL: Equatable, Sendable {
    /// The normalized URL.
    public var url: String
    /// Its politeness key, "scheme://host[:port]"; `ShardMap` hashes this.
    public var hostKey: String
    /// Shortest known link distance from a seed.
    public var depth: Int
    /// The page it was found on; nil for a seed.
    public var referrer: String?

    public init(url: String, hostKey: String, depth: Int, referrer: String? = nil) {
        self.url = url
        self.hostKey = hostKey
        self.depth = depth
        self.referrer = referrer
    }
}

extension DiscoveredURL {
    /// URL bytes per `discover` or `links` message at most: a batch of any
    /// size (a million seeds, a page's links) travels in as many frames as
    /// it needs, each far below `FrameCodec.maxFrameLength`.
    static let maxBatchBytes = 4 << 20

    /// `urls` cut into batches of at most `maxBytes` of URL text (a URL
    /// longer than that goes alone), in order.
    static func batches(_ urls: [DiscoveredURL], maxBytes: Int = maxBatchBytes) -> [[DiscoveredURL]] {
        var batches: [[DiscoveredURL]] = []
        var current: [DiscoveredURL] = []
        var bytes = 0
        for url in urls {
            let size = url.url.utf8.count + url.hostKey.utf8.count + (url.referrer?.utf8.count ?? 0) + 16
            if !current.isEmpty && bytes + size > maxBytes {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(url)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }
}

/// A worker's report of its frontier, for `TerminationDetector`.
public struct ShardStatus: Equatable, Sendable {
    /// Nothing queued or in flight in the worker's frontier.
    public var idle: Bool
    /// `discover` messages the worker has fully processed so far.
    public var batchesReceived: Int
    /// Smallest depth queued or in flight in the worker; nil if none.
    public var minPendingDepth: Int?
    public var pagesDone: Int

    public init(idle: Bool, batchesReceived: Int, minPendingDepth: Int?, pagesDone: Int) {
        self.idle = idle
        self.batchesReceived = batchesReceived
        self.minPendingDepth = minPendingDepth
        self.pagesDone = pagesDone
    }
}

/// One finished page, streamed from a worker to the coordinator, which
/// writes every export itself.
public struct PageMessage: Equatable, Sendable {
    public var record: PageRecord
    /// The page's URL as an edge source.
    public var source: String
    /// The distinct in-scope (or, with `--edges all`, all) link targets.
    public var edgeTargets: [String]
    /// Parallel to `edgeTargets`, or empty when every one is `.single`.
    public var edgeAttributes: [EdgeAttributes]
    /// The links the page followed, as a `FollowList` (mostly indices into
    /// `edgeTargets`): a worker sends them so that the coordinator's
    /// journal can replay the page. Empty in the journal's own page
    /// frames, which keep them in a column of their own.
    var follow: [UInt8] = []

    /// The page an outcome recorded, as the journal keeps it.
    init(_ outcome: PageOutcome) {
        self.init(record: outcome.record, source: outcome.source, edgeTargets: outcome.edgeTargets,
                  edgeAttributes: outcome.edgeAttributes)
    }

    /// The page an outcome recorded, as a worker sends it: with the links
    /// it followed.
    init(followed outcome: PageOutcome) {
        self.init(outcome)
        follow = FollowList.encode(outcome.follow, edgeTargets: outcome.edgeTargets)
    }

    public init(record: PageRecord, source: String, edgeTargets: [String], edgeAttributes: [EdgeAttributes] = []) {
        self.record = record
        self.source = source
        self.edgeTargets = edgeTargets
        self.edgeAttributes = edgeAttributes
    }
}

/// A host's robots.txt as a worker read it, sent so that the coordinator
/// counts it (and its sitemaps) and journals its rules: a restarted or
/// resumed worker obeys them again without fetching the file.
public struct RobotsNote: Equatable, Sendable {
    /// "scheme://host[:port]".
    public var hostKey: String
    /// The rules, as `RobotsRules.journalBytes`.
    var rules: [UInt8]
    /// Why the file could not be read (the host is then fetched as if it
    /// allowed everything), or nil.
    public var unavailable: String?
    /// The Sitemap: URLs it listed.
    public var sitemaps: [String]

    public init(hostKey: String, rules: [UInt8], unavailable: String?, sitemaps: [String]) {
        self.hostKey = hostKey
        self.rules = rules
        self.unavailable = unavailable
        self.sitemaps = sitemaps
    }

    /// The robots.txt a `.robots` job's outcome read (a file that could
    /// not be read is obeyed as allowing everything).
    init(_ outcome: PageOutcome) {
        // The job's URL is "scheme://host[:port]/robots.txt".
        self.init(hostKey: String(outcome.job.url.dropLast("/robots.txt".count)),
                  rules: (outcome.robots ?? .allowAll).journalBytes, unavailable: outcome.robotsUnavailable,
                  sitemaps: outcome.sitemaps)
    }
}

/// Everything the coordinator and its workers say to each other over their
/// pipes, one message per frame (see `FrameCodec` for the bytes).
public enum ShardMessage: Equatable, Sendable {
    // coordinator → worker
    /// Opaque settings blob (JSON made by the coordinator).
    case configure(Data)
    /// URLs this shard owns: seeds, links relayed from other shards.
    case discover([DiscoveredURL])
    /// Deepest level the worker may dispatch now.
    case depthCeiling(Int)
    /// Cancel in-flight work, flush, exit.
    case stop

    // worker → coordinator
    /// Links found for hosts of OTHER shards.
    case links([DiscoveredURL])
    /// One finished page.
    case page(PageMessage)
    case status(ShardStatus)
    /// A host's robots.txt was read: its rules and Sitemap: URLs.
    case robots(RobotsNote)
    /// The worker's running totals of URLs its frontier's limits refused.
    case refusals(RefusalCounts)
    /// How the worker's fetcher used its body budget, sent once, last.
    case bodyBudget(BodyBudget.Stats)
    /// Fatal error text, sent before the worker exits.
    case failed(String)
}

extension ShardMessage {
    /// The message's name in error messages and logs.
    public var name: String {
        switch self {
        case .configure: "configure"
        case .discover: "discover"
        case .depthCeiling: "depthCeiling"
        case .stop: "stop"
        case .links: "links"
        case .page: "page"
        case .status: "status"
        case .robots: "robots"
        case .refusals: "refusals"
        case .bodyBudget: "bodyBudget"
        case .failed: "failed"
        }
    }
}
