/// What one fetched job produced, handed from the worker (any strategy) back
/// to the engine, which alone updates the frontier and writes the exports.
///
/// A value with its fields in one copy-on-write box, so the value itself is
/// a pointer wide. Outcomes pass through the async frames of every
/// in-flight job (the worker's `perform`, the driver's child task, the task
/// group's result), and each frame reserves room for every such value:
/// inline, the ~700 bytes of fields cost that much per connection, several
/// times over (README, "Where the memory goes").
public struct PageOutcome: Sendable {
    public struct Fields: Sendable {
        public var job: CrawlJob
        public var record: PageRecord
        public var source: String
        public var edgeTargets: [String]
        public var edgeAttributes: [EdgeAttributes] = []
        public var follow: [(url: String, hostKey: String)]
        public var robots: RobotsRules? = nil
        public var sitemaps: [String] = []
        public var robotsUnavailable: String? = nil
        public var retryAfter: Duration? = nil
        public var retryHoldsHost = true
        public var redirect: RedirectFollow? = nil
    }

    /// Safety of `@unchecked`: `fields` is written only through `mutate`,
    /// which first makes the box unique to this value (copying it when it
    /// is shared), so no box another value or thread can see is ever
    /// written; reads of a box nobody writes are safe from any thread. This
    /// is the copy-on-write argument of the standard library's Array.
    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    public init(job: CrawlJob, record: PageRecord, source: String, edgeTargets: [String],
                follow: [(url: String, hostKey: String)]) {
        box = Box(Fields(job: job, record: record, source: source, edgeTargets: edgeTargets, follow: follow))
    }

    private mutating func mutate<T>(_ change: (inout Fields) -> T) -> T {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return change(&box.fields)
    }

    public var job: CrawlJob {
        get { box.fields.job }
        set { mutate { $0.job = newValue } }
    }
    public var record: PageRecord {
        get { box.fields.record }
        set { mutate { $0.record = newValue } }
    }
    /// Normalized final URL: the source of this page's edges.
    public var source: String {
        get { box.fields.source }
        set { mutate { $0.source = newValue } }
    }
    /// In-scope link targets (or all targets with `--edges all`), distinct.
    public var edgeTargets: [String] {
        get { box.fields.edgeTargets }
        set { mutate { $0.edgeTargets = newValue } }
    }
    /// The referrer of the links this page admits: its source, as the
    /// job's URL when they are equal, since that string shares storage with
    /// the frontier's own key, so a page's URL is not held again for each
    /// link it admits.
    var linkReferrer: String { source == job.url ? job.url : source }

    /// What the page says of each edge target, in `edgeTargets`' order;
    /// empty when every target is linked once, followable.
    public var edgeAttributes: [EdgeAttributes] {
        get { box.fields.edgeAttributes }
        set { mutate { $0.edgeAttributes = newValue } }
    }
    /// Links to hand to the frontier: (normalized URL, politeness key).
    public var follow: [(url: String, hostKey: String)] {
        get { box.fields.follow }
        set { mutate { $0.follow = newValue } }
    }
    /// A `.robots` job: the rules this crawler obeys on the host, and the
    /// file's Sitemap: lines.
    public var robots: RobotsRules? {
        get { box.fields.robots }
        set { mutate { $0.robots = newValue } }
    }
    public var sitemaps: [String] {
        get { box.fields.sitemaps }
        set { mutate { $0.sitemaps = newValue } }
    }
    /// A `.robots` job whose file could not be read (no answer, a 5xx):
    /// why, for the records of the pages it then disallows.
    public var robotsUnavailable: String? {
        get { box.fields.robotsUnavailable }
        set { mutate { $0.robotsUnavailable = newValue } }
    }
    /// Set when the fetch failed transiently and may be tried again: how
    /// long the host should wait first (backoff with jitter, or the
    /// server's Retry-After). The engine retries instead of recording it.
    public var retryAfter: Duration? {
        get { box.fields.retryAfter }
        set { mutate { $0.retryAfter = newValue } }
    }
    /// Whether the whole host waits `retryAfter` (the server or the network
    /// said to slow down: a transport error, 429, 502, 503, 504, or any
    /// Retry-After), or only this page (another status of `--retry-on`).
    public var retryHoldsHost: Bool {
        get { box.fields.retryHoldsHost }
        set { mutate { $0.retryHoldsHost = newValue } }
    }
    /// Set when the page (or hop) answered with a redirect the policy
    /// follows: the frontier hands out the next hop. No record yet.
    public var redirect: RedirectFollow? {
        get { box.fields.redirect }
        set { mutate { $0.redirect = newValue } }
    }
}

/// How a page links one target: how many of its links point there, and
/// whether every one of them is `nofollow` (its own `rel` or the page's
/// `<meta name=robots>`). The graph exports carry both.
public struct EdgeAttributes: Sendable, Equatable {
    public var count: Int
    public var nofollow: Bool

    public static let single = EdgeAttributes(count: 1, nofollow: false)

    public init(count: Int, nofollow: Bool) {
        self.count = count
        self.nofollow = nofollow
    }
}
