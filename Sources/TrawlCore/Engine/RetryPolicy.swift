import TrawlFetch

/// When a failed fetch is tried again, and after how long. Transient
/// failures only: a refused or timed-out connection, a reset, and the
/// statuses in `statuses` — by default 408, 429, 500, 502, 503 and 504, the
/// set curl's `--retry` and Scrapy's RETRY_HTTP_CODES share. A 404 or a
/// DNS failure will not get better in a second.
public struct RetryPolicy: Sendable, Codable, Equatable {
    /// The HTTP statuses retried by default (`--retry-on`).
    public static let defaultStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    /// Retries after the first attempt (`--retries`).
    public var maxRetries: Int
    /// HTTP statuses that are retried (`--retry-on`).
    public var statuses: Set<Int> = RetryPolicy.defaultStatuses
    /// The first backoff; each retry doubles it, plus up to 50 % jitter.
    public var baseDelay: Duration
    /// A Retry-After longer than this is not waited for: the page is
    /// recorded as failed instead of stalling its host.
    public var maxDelay: Duration

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(60)) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// How long to wait before retrying `url` after its attempt number
    /// `attempt` (0 = the first) failed transiently; nil: do not retry.
    /// The jitter is a hash of URL and attempt, not a random draw, so a
    /// crawl's retry schedule is reproducible.
    public func delay(afterAttempt attempt: Int, url: String, retryAfter: Duration?) -> Duration? {
        guard attempt < maxRetries else { return nil }
        if let retryAfter { return retryAfter <= maxDelay ? retryAfter : nil }
        let exponential = baseDelay * (1 << min(attempt, 20))
        let unit = Double(ShardMap.stableHash("\(attempt) \(url)") >> 11) / Double(1 << 53)
        return min(exponential + exponential * (unit * 0.5), maxDelay)
    }

    static func isTransient(_ code: FetchError.Code) -> Bool {
        code == .connect || code == .timeout || code == .reset
    }

    func isTransient(status: Int) -> Bool {
        statuses.contains(status)
    }

    /// Statuses by which a server (or its gateway) says it is overloaded or
    /// down: the whole host waits before its retry, not only the page.
    static func slowsTheHost(status: Int) -> Bool {
        status == 429 || status == 502 || status == 503 || status == 504
    }

    /// A Retry-After value (RFC 9110 §10.2.3): delay-seconds or an
    /// HTTP-date, as a duration from `now` (seconds since the epoch); nil
    /// if it is neither. A date in the past means "now".
    public static func parseRetryAfter(_ value: String, now: Int64 = Timestamp.nowSeconds()) -> Duration? {
        let text = value.utf8.trimmingHTTPWhitespace()
        if !text.isEmpty, text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return Int64(Substring(text)).map { .seconds($0) } ?? .seconds(Int64.max / 1_000_000_000_000)
        }
        let nowYear = CivilDate(daysSinceEpoch: Int(now / 86_400)).year
        return HTTPDate.parse(Substring(text), nowYear: nowYear).map { .seconds(max(0, $0 - now)) }
    }
}
