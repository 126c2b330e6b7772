/// `trawl crawl --resume OUT`: the settings a crawl recorded in its journal,
/// and the flags a resumed sitting may change. What shapes the result
/// (seeds, scope, allow/deny, depth and trap limits, the edges kept) must
/// stay as recorded; how fast and how long to go may change, and so may
/// `--max-pages`, to take a crawl cut by it further.
public enum CrawlResume {
    /// The recorded seeds and settings of the crawl in `folder`.
    public static func recorded(in folder: String) throws(TrawlError) -> (options: CrawlOptions, seeds: [String]) {
        let (_, settings) = try CrawlJournal.open(in: folder)
        return (settings.options, settings.seeds)
    }

    /// The sitting's settings: the recorded ones, with what `given` (the
    /// flags of this command line, over `defaults`) changes of the things
    /// a sitting may change. Throws `.badState` naming the first flag that
    /// would change the crawl's result.
    ///
    /// With `joining` (a shared frontier's endpoint), the same rules decide
    /// what a process joining a running crawl may set for itself, except
    /// that politeness (`--per-host`, `--delay`) is the crawl's, stored
    /// once and enforced by the frontier for every process; the refusal is
    /// then `.badOption`.
    public static func merge(recorded: CrawlOptions, given: CrawlOptions,
                             defaults: CrawlOptions = CrawlOptions(), joining: String? = nil) throws(TrawlError) -> CrawlOptions {
        func refuse(_ flag: String) -> TrawlError {
            if let joining {
                return TrawlError(.badOption, "\(flag) differs from the setting crawl \(joining) was started with; a joining process uses the crawl's stored settings: join without \(flag)")
            }
            return TrawlError(.badState, "\(flag) differs from the crawl being resumed, and would change its result; resume without it (the recorded value is kept), or start a new crawl")
        }
        func changed<Value: Equatable>(_ path: KeyPath<CrawlOptions, Value>) -> Bool {
            given[keyPath: path] != defaults[keyPath: path] && given[keyPath: path] != recorded[keyPath: path]
        }
        if changed(\.scopeRule) { throw refuse("--scope") }
        if changed(\.allow) { throw refuse("--allow") }
        if changed(\.deny) { throw refuse("--deny") }
        if changed(\.links) { throw refuse("--strip-query-params, --max-url-length or --max-links-per-page") }
        if changed(\.includeOutOfScopeEdges) { throw refuse("--edges") }
        if changed(\.maxTitleBytes) { throw refuse("--max-title-length") }
        if changed(\.limits.maxDepth) { throw refuse("--max-depth") }
        if changed(\.limits.obeyRobots) { throw refuse("--ignore-robots") }
        if changed(\.limits.maxPagesPerHost) { throw refuse("--max-pages-per-host") }
        if changed(\.limits.maxQueryVariants) { throw refuse("--max-query-variants") }
        if changed(\.limits.maxPathSegments) { throw refuse("--max-path-segments") }
        if changed(\.limits.maxPathRepeats) { throw refuse("--max-path-repeats") }
        if changed(\.limits.maxPathVariants) { throw refuse("--max-path-variants") }
        if changed(\.limits.refuseBadPorts) { throw refuse("--allow-bad-ports") }
        if changed(\.fetch.maxBodyBytes) { throw refuse("--max-bytes") }
        if changed(\.fetch.maxRedirects) { throw refuse("--max-redirects") }
        if changed(\.fetch.userAgent) { throw refuse("--user-agent") }

        if joining != nil {
            if changed(\.limits.perHost) { throw refuse("--per-host") }
            if changed(\.limits.delay) { throw refuse("--delay") }
            if changed(\.limits.maxPages) { throw refuse("--max-pages") }
        }

        var sitting = recorded
        if changed(\.limits.maxPages) { sitting.limits.maxPages = given.limits.maxPages }
        if changed(\.maxTime) { sitting.maxTime = given.maxTime }
        if changed(\.maxMemoryBytes) { sitting.maxMemoryBytes = given.maxMemoryBytes }
        if changed(\.mode) { sitting.mode = given.mode }
        if changed(\.concurrency) { sitting.concurrency = given.concurrency }
        // Every worker rebuilds its shard from the journal, whichever
        // shards the earlier sittings had.
        if changed(\.workers) { sitting.workers = given.workers }
        if changed(\.limits.perHost) { sitting.limits.perHost = given.limits.perHost }
        if changed(\.limits.delay) { sitting.limits.delay = given.limits.delay }
        if changed(\.fetch.timeout) { sitting.fetch.timeout = given.fetch.timeout }
        if changed(\.fetch.connectTo) { sitting.fetch.connectTo = given.fetch.connectTo }
        if changed(\.retry) { sitting.retry = given.retry }
        // How requests reach the web is the sitting's (a proxy, a header,
        // a cookie jar, buffering): the same pages come back.
        if changed(\.fetch.connectTimeout) { sitting.fetch.connectTimeout = given.fetch.connectTimeout }
        if changed(\.fetch.proxy) { sitting.fetch.proxy = given.fetch.proxy }
        if changed(\.fetch.useProxyEnvironment) { sitting.fetch.useProxyEnvironment = given.fetch.useProxyEnvironment }
        if changed(\.fetch.headers) { sitting.fetch.headers = given.fetch.headers }
        if changed(\.fetch.cookieJar) { sitting.fetch.cookieJar = given.fetch.cookieJar }
        if changed(\.fetch.maxBufferedBodyBytes) { sitting.fetch.maxBufferedBodyBytes = given.fetch.maxBufferedBodyBytes }
        if changed(\.fetch.addressGuard) { sitting.fetch.addressGuard = given.fetch.addressGuard }
        if joining != nil {
            sitting.frontier = given.frontier
            sitting.keepsState = given.keepsState
        }
        sitting.log = given.log
        sitting.outputDirectory = given.outputDirectory
        sitting.workerExecutable = given.workerExecutable
        return sitting
    }
}
