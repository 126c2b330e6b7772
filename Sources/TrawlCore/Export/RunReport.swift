import Foundation
import TrawlFetch

/// report.json: what ran, how fast, at what cost, and the edge-set hash that
/// proves two runs (or two strategies) found the same graph.
public struct RunReport: Sendable, Codable, Equatable {
    /// The whole process tree's: with `--mode processes`, the coordinator
    /// plus every worker.
    public struct Resources: Sendable, Codable, Equatable {
        public var cpuUserSeconds: Double
        public var cpuSystemSeconds: Double
        public var cpuSecondsPer1000Pages: Double
        /// One process: its peak RSS (ru_maxrss). Several: the tree's peak
        /// resident memory, sampled every 100 ms with the shared library
        /// pages counted once (summing each process's RSS would count the
        /// ~30 MiB of Swift, Foundation and libcurl pages once per worker),
        /// and never below the coordinator's own peak.
        public var peakRSSBytes: Int
        /// Threads alive at once in the whole tree, sampled every 100 ms.
        public var peakThreads: Int
        public var processes: Int
        public var voluntaryContextSwitches: Int
        public var involuntaryContextSwitches: Int

        // "peakRssBytes" so the snake-case JSON ("peak_rss_bytes") decodes
        // back: convertFromSnakeCase cannot restore the acronym's capitals.
        enum CodingKeys: String, CodingKey {
            case cpuUserSeconds, cpuSystemSeconds, cpuSecondsPer1000Pages, peakThreads, processes
            case voluntaryContextSwitches, involuntaryContextSwitches
            case peakRSSBytes = "peakRssBytes"
        }

        /// `own` is this process's usage over the run; `workers` each
        /// reaped worker's whole-life usage.
        init(ownUsage own: ResourceUsage, workerUsage workers: [ResourceUsage], pages: Int, peakThreads: Int,
             peakTreeResidentBytes: Int) {
            let all = [own] + workers
            cpuUserSeconds = all.reduce(0) { $0 + $1.userSeconds }
            cpuSystemSeconds = all.reduce(0) { $0 + $1.systemSeconds }
            let cpu = cpuUserSeconds + cpuSystemSeconds
            cpuSecondsPer1000Pages = pages > 0 ? cpu / Double(pages) * 1000 : 0
            peakRSSBytes = workers.isEmpty ? own.peakRSSBytes : max(own.peakRSSBytes, peakTreeResidentBytes)
            self.peakThreads = peakThreads
            processes = all.count
            voluntaryContextSwitches = all.reduce(0) { $0 + $1.voluntaryContextSwitches }
            involuntaryContextSwitches = all.reduce(0) { $0 + $1.involuntaryContextSwitches }
        }
    }

    public struct EdgeSet: Sendable, Codable, Equatable {
        public var edges: Int
        public var nodes: Int
        /// SHA-256 of the sorted edges.csv rows (see `SHA256`).
        public var sha256: String
    }

    /// The version of trawl that wrote this report.
    public static let currentVersion = "0.1.0"
    public var trawlVersion = RunReport.currentVersion
    public var settings: Settings
    public var startedAt: String
    public var elapsedSeconds: Double
    /// False when anything in scope was left unfetched because the crawl
    /// stopped early: a crawl-wide limit, Ctrl-C or a signal, a dead
    /// worker, a failed write. (Per-host and trap limits don't make a
    /// crawl incomplete; `refused` counts what they turned away.)
    public var completed: Bool
    /// Why it stopped early: max-pages, max-time, max-memory, interrupted,
    /// worker-failed or write-error; nil when it completed.
    public var stopReason: String?
    public var pages: Int
    public var pagesPerSecond: Double
    public var bytes: Int
    public var statusHistogram: [String: Int]
    public var errors: [String: Int]
    /// `errors` by kind (`ErrorClass.Kind`): transport failures apart
    /// from HTTP error statuses and from pages the crawl's rules stopped.
    /// Optional only so that reports written before it still decode.
    public var errorKinds: [String: Int]?
    /// With a journal: how many sittings the crawl took (1 + each
    /// `--resume`), and the transfers in flight when a sitting crashed,
    /// which a later one fetched again. nil with `--no-state`.
    public var sittings: Int?
    public var fetchedAgain: Int?
    /// `--mode processes` with a journal: workers started in place of
    /// ones that died (each rebuilt its shard from the journal).
    public var workerRestarts: Int?

    /// `errors` summed by kind, every kind present.
    public static func errorKinds(of errors: [String: Int]) -> [String: Int] {
        var kinds = Dictionary(uniqueKeysWithValues: ErrorClass.Kind.allCases.map { ($0.rawValue, 0) })
        for (name, count) in errors {
            kinds[(ErrorClass(rawValue: name) ?? .other).kind.rawValue, default: 0] += count
        }
        return kinds
    }
    /// Retries of transient failures over all pages (see pages.jsonl's
    /// `retries`).
    public var retries: Int = 0
    /// Distinct URLs each limit refused to fetch, keyed by the limit's flag
    /// name without dashes ("max-path-variants"); a limit that refused
    /// nothing is absent. Refused URLs in scope are still edges.
    public var refused: [String: Int] = [:]
    /// Links pages held that a per-page limit dropped (not kept, not
    /// edges), by limit: "max-url-length", "max-links-per-page". Summed
    /// over pages.jsonl's `links_too_long` and `links_over_limit`.
    public var linksDropped: [String: Int] = [:]
    /// Pages a per-page limit cut down, by limit: "parse-limited" (a tag
    /// past the attribute cap, or the parse's CPU deadline: pages.jsonl's
    /// `parse_limited`), "max-title-length" (a title cut: `title_length`).
    public var pagesLimited: [String: Int] = [:]
    /// Links whose user name and password were removed before they became
    /// edges or were fetched (pages.jsonl's `credentials_stripped`, summed).
    public var credentialsStripped = 0
    /// How much response body the fetchers held at once, against their
    /// cap (`--max-buffered-bytes`), and how often a transfer waited for
    /// room. With `--mode processes`, summed over the workers (each has
    /// its share of the cap; the peaks, summed, bound the crawl's). Nil
    /// with no cap.
    public var bodyBudget: BodyBudget.Stats?
    /// robots.txt files fetched and the Sitemap: URLs they listed (nil with
    /// --ignore-robots).
    public var robots: Robots?

    public struct Robots: Sendable, Codable, Equatable {
        public var hostsFetched: Int
        public var sitemaps: [String]
    }
    public var latencyMs: LatencySummary
    public var resources: Resources
    public var edgeSet: EdgeSet

    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a report.json written by `jsonText()`.
    public static func read(from path: String) throws(TrawlError) -> RunReport {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrawlError(.reportUnreadable, "cannot read run report '\(path)'")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(RunReport.self, from: data)
        } catch {
            throw TrawlError(.reportUnreadable, "run report '\(path)' is not a trawl report.json", underlying: ReadFailure(error))
        }
    }

    /// ", bodies held at most 3.1 of 128.0 MiB, 12 waits for room", or
    /// nothing without a cap.
    private var bodyBudgetText: String {
        guard let budget = bodyBudget else { return "" }
        let mib = { (bytes: Int) in String(format: "%.1f", Double(bytes) / 1_048_576) }
        let waits = budget.stalls > 0 ? ", \(budget.stalls) waits for room" : ""
        return ", bodies held at most \(mib(budget.peakBytes)) of \(mib(budget.limitBytes)) MiB\(waits)"
    }

    /// The human summary printed on stdout at the end of a run.
    public var summary: String {
        func fmt(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        let statuses = statusHistogram.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let errorText = errors.isEmpty ? "none" : ErrorClass.Kind.allCases.compactMap { kind -> String? in
            let these = errors.filter { (ErrorClass(rawValue: $0.key) ?? .other).kind == kind }.sorted { $0.key < $1.key }
            guard !these.isEmpty else { return nil }
            return "\(kind.rawValue) \(these.reduce(0) { $0 + $1.value }) (" + these.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }.joined(separator: "; ")
        return """
            \(endText) — mode \(modeText), concurrency \(settings.concurrency)
              pages      \(pages) in \(fmt(elapsedSeconds, 2)) s = \(fmt(pagesPerSecond)) pages/s, \(fmt(Double(bytes) / 1_048_576, 1)) MiB
              status     \(statuses.isEmpty ? "none" : statuses)
              errors     \(errorText)\(retries > 0 ? " (after \(retries) retries)" : "")
              refused    \(refusedText)
              latency    p50 \(fmt(latencyMs.p50)) ms, p90 \(fmt(latencyMs.p90)) ms, p99 \(fmt(latencyMs.p99)) ms, max \(fmt(latencyMs.max)) ms
              cpu        user \(fmt(resources.cpuUserSeconds, 2)) s, sys \(fmt(resources.cpuSystemSeconds, 2)) s, \(fmt(resources.cpuSecondsPer1000Pages, 3)) s per 1,000 pages
              memory     peak RSS \(fmt(Double(resources.peakRSSBytes) / 1_048_576)) MiB, peak threads \(resources.peakThreads)\(resources.processes > 1 ? ", \(resources.processes) processes" : "")\(bodyBudgetText)
              graph      \(edgeSet.nodes) nodes, \(edgeSet.edges) edges, sha256 \(edgeSet.sha256)
            """ + (settings.proxy.map { proxy in
                let source = settings.proxyEnvironment ? "from the environment; --no-proxy-env goes direct" : "--proxy"
                return "\n  proxy      \(proxy.summary) (\(source))"
            } ?? "")
    }

    /// "crawl complete", or what stopped it, named as the user would set
    /// it: "stopped at --max-pages 300".
    private var endText: String {
        if completed { return "crawl complete" }
        switch stopReason {
        case "max-pages": return "crawl stopped at --max-pages \(settings.maxPages.map(String.init) ?? "?")"
        case "max-time": return "crawl stopped at --max-time \(settings.maxTimeSeconds.map { RunReport.Settings.durationText($0) } ?? "?")"
        case "max-memory": return "crawl stopped at --max-memory \(settings.maxMemoryBytes.map { RunReport.Settings.sizeText($0) } ?? "?")"
        case "interrupted": return "crawl interrupted (stopped by a signal)"
        case "worker-failed": return "crawl stopped: a worker process failed"
        case "write-error": return "crawl stopped: a write failed"
        default: return "crawl stopped (\(stopReason ?? "unknown"))"
        }
    }

    private var refusedText: String {
        let urls = refused.isEmpty ? "none" : refused.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        guard !linksDropped.isEmpty else { return urls }
        let links = linksDropped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(urls); links dropped: \(links)"
    }

    private var modeText: String {
        guard let workers = settings.workers, let workerMode = settings.workerMode else { return settings.mode }
        return "\(settings.mode) (\(workers) worker\(workers == 1 ? "" : "s") × \(workerMode))"
    }
}
