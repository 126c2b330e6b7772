import TrawlFetch
import Foundation

extension RunReport {
    /// Every setting that shapes a crawl's result, and the command that
    /// reproduces it: a report alone says what was crawled and how.
    public struct Settings: Sendable, Codable, Equatable {
        public var mode: String
        public var concurrency: Int
        public var perHost: Int
        /// `processes` only: worker processes and the strategy inside each.
        public var workers: Int?
        public var workerMode: String?
        public var seedsFile: String
        public var seeds: Int
        public var scope: String
        public var allow: [String]
        public var deny: [String]
        /// "in-scope" or "all" (`--edges`).
        public var edges: String
        public var maxDepth: Int?
        public var maxPages: Int?
        public var maxTimeSeconds: Double?
        public var maxMemoryBytes: Int?
        public var maxPagesPerHost: Int?
        public var maxQueryVariants: Int?
        public var maxPathSegments: Int?
        public var maxPathRepeats: Int?
        public var maxPathVariants: Int?
        public var maxUrlLength: Int
        public var maxLinksPerPage: Int
        public var maxTitleLength: Int
        public var refuseBadPorts: Bool
        public var stripQueryParams: [String]
        public var obeyRobots: Bool
        public var delayMs: Double
        public var maxCrawlDelaySeconds: Double
        public var retries: Int
        public var retryOn: [Int]
        public var userAgent: String
        public var timeoutSeconds: Double
        public var maxBytes: Int
        /// The cap on body bytes held at once (`--max-buffered-bytes`), the
        /// crawl's total; nil for none.
        public var maxBufferedBytes: Int?
        public var maxRedirects: Int
        public var connectTo: [String]
        /// The address guard: link-local refused (unless
        /// `--allow-link-local`), private too with `--deny-private`.
        public var refuseLinkLocal: Bool
        public var refusePrivate: Bool
        /// The proxies libcurl takes from the environment (passwords
        /// masked); nil when none is set or with `--no-proxy-env`.
        public var proxy: ProxyEnvironment?
        public var proxyEnvironment: Bool
        /// A `trawl crawl` command line that runs this crawl again (into a
        /// new output folder).
        public var command: String

        init(options: CrawlOptions, seeds: SeedList) {
            mode = options.mode.rawValue
            concurrency = options.concurrency
            perHost = options.limits.perHost
            if options.mode == .processes {
                workers = options.workers
                workerMode = options.workerMode.rawValue
            }
            seedsFile = seeds.path
            self.seeds = seeds.urls.count
            scope = options.scopeRule.rawValue
            allow = options.allow.map(\.pattern)
            deny = options.deny.map(\.pattern)
            edges = options.includeOutOfScopeEdges ? "all" : "in-scope"
            maxDepth = options.limits.maxDepth
            maxPages = options.limits.maxPages
            maxTimeSeconds = options.maxTime.map { $0.milliseconds / 1000 }
            maxMemoryBytes = options.maxMemoryBytes
            maxPagesPerHost = options.limits.maxPagesPerHost
            maxQueryVariants = options.limits.maxQueryVariants
            maxPathSegments = options.limits.maxPathSegments
            maxPathRepeats = options.limits.maxPathRepeats
            maxPathVariants = options.limits.maxPathVariants
            maxUrlLength = options.links.maxURLLength
            maxLinksPerPage = options.links.maxLinksPerPage
            maxTitleLength = options.maxTitleBytes
            refuseBadPorts = options.limits.refuseBadPorts
            stripQueryParams = options.links.stripQueryParameters.map(\.pattern)
            obeyRobots = options.limits.obeyRobots
            delayMs = options.limits.delay.milliseconds
            maxCrawlDelaySeconds = options.limits.maxCrawlDelay.milliseconds / 1000
            retries = options.retry.maxRetries
            retryOn = options.retry.statuses.sorted()
            userAgent = options.fetch.userAgent
            timeoutSeconds = options.fetch.timeout.milliseconds / 1000
            maxBytes = options.fetch.maxBodyBytes
            maxBufferedBytes = options.fetch.maxBufferedBodyBytes
            maxRedirects = options.fetch.maxRedirects
            connectTo = options.fetch.connectTo
            refuseLinkLocal = options.fetch.addressGuard.refuseLinkLocal
            refusePrivate = options.fetch.addressGuard.refusePrivate
            proxyEnvironment = options.fetch.useProxyEnvironment
            // An explicit --proxy takes every request (masked like the
            // environment's); else the environment's, unless --no-proxy-env.
            proxy = options.fetch.proxy.map { proxy in
                let masked = ProxyEnvironment.masked(proxy)
                return ProxyEnvironment(http: masked, https: masked, noProxy: nil)
            } ?? (proxyEnvironment ? ProxyEnvironment.current() : nil)
            command = CrawlCommandLine.arguments(options: options, seedsPath: seeds.path)
                .map(CrawlCommandLine.shellQuoted).joined(separator: " ")
        }

        /// "90s", "1.5s": how `--max-time` reads back.
        static func durationText(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
        }

        /// "512MB", "1GB", "1500B": how `--max-memory` reads back.
        static func sizeText(_ bytes: Int) -> String {
            for (suffix, factor) in [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)] where bytes % factor == 0 {
                return "\(bytes / factor)\(suffix)"
            }
            return "\(bytes)B"
        }
    }
}
