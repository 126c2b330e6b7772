/// One line of pages.jsonl: the outcome of fetching one URL.
public struct PageRecord: Sendable, Equatable {
    public var url: String
    public var finalURL: String
    /// HTTP status of the final response; nil when no response arrived.
    public var status: Int?
    public var contentType: String?
    /// Body bytes received (after content decoding).
    public var bytes: Int
    public var depth: Int
    public var elapsedMilliseconds: Double
    /// The error class (see `ErrorClass`), or nil on success.
    public var error: String?
    /// Human detail for `error`, naming the URL's failure as curl reported it.
    public var errorDetail: String?
    public var title: String?
    /// Distinct http(s) links found on the page (in scope or not).
    public var outlinks: Int
    /// Earlier attempts that failed transiently (connect, timeout, reset,
    /// 429, 502–504) before this, the final one.
    public var retries: Int = 0
    /// Links dropped for being longer than `--max-url-length`.
    public var linksTooLong = 0
    /// Links dropped past `--max-links-per-page` (or its byte budget).
    public var linksOverLimit = 0
    /// Links whose `--allow`/`--deny` test ran out of time (out of scope).
    public var regexTimeouts = 0
    /// Links whose user name and password were removed (see `ResolvedLinks`).
    public var credentialsStripped = 0
    /// The whole title's length in UTF-8 bytes, when `title` was cut to
    /// `--max-title-length`; nil when it was kept whole.
    public var titleLength: Int? = nil
    /// A parse limit (attributes per tag, CPU time) changed what was parsed.
    public var parseLimited = false

    /// The JSON object, on one line, keys in a fixed order.
    public var jsonLine: String {
        var json = JSONLineBuilder()
        json.add("url", url)
        json.add("final_url", finalURL)
        json.add("status", status)
        json.add("content_type", contentType)
        json.add("bytes", bytes)
        json.add("depth", depth)
        json.add("elapsed_ms", (elapsedMilliseconds * 1000).rounded() / 1000)
        json.add("error", error)
        if let errorDetail { json.add("error_detail", errorDetail) }
        json.add("title", title)
        json.add("outlinks", outlinks)
        json.add("retries", retries)
        // Only when a limit bit, so an ordinary line stays as it was.
        if linksTooLong > 0 { json.add("links_too_long", linksTooLong) }
        if linksOverLimit > 0 { json.add("links_over_limit", linksOverLimit) }
        if regexTimeouts > 0 { json.add("regex_timeouts", regexTimeouts) }
        if credentialsStripped > 0 { json.add("credentials_stripped", credentialsStripped) }
        if let titleLength { json.add("title_length", titleLength) }
        if parseLimited { json.add("parse_limited", true) }
        return json.finish()
    }
}
