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
    /// When the fetch ended, in milliseconds since the Unix epoch; nil when
    /// no request was made (robots.txt forbade it).
    public var fetchedAt: Int64? = nil
    /// The page whose link first admitted this URL at its depth (a shorter
    /// path, found later, replaces it); nil for a seed.
    public var referrer: String? = nil
    /// The redirects followed before the final answer, in order.
    public var redirects: [RedirectStep] = []
    /// libcurl's phase times; nil when no response arrived.
    public var timings: PageTimings? = nil
    /// The final response's validators, when it sent them.
    public var etag: String? = nil
    public var lastModified: String? = nil

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
        json.add("fetched_at", fetchedAt.map(Timestamp.rfc3339Milliseconds))
        json.add("referrer", referrer)
        json.addArray("redirects", redirects) { hop, json in
            json.add("url", hop.url)
            json.add("status", hop.status)
        }
        json.addObject("timings", timings) { timings, json in
            json.add("dns", timings.dns)
            json.add("connect", timings.connect)
            json.add("tls", timings.tls)
            json.add("first_byte", timings.firstByte)
            json.add("total", timings.total)
        }
        if let etag { json.add("etag", etag) }
        if let lastModified { json.add("last_modified", lastModified) }
        return json.finish()
    }
}

/// A redirect a fetch followed: the URL that answered, and its 3xx status.
public struct RedirectStep: Sendable, Equatable {
    public var url: String
    public var status: Int

    public init(url: String, status: Int) {
        self.url = url
        self.status = status
    }
}

/// libcurl's timings of a fetch, in milliseconds from the start of the
/// transfer to the end of each phase (what `curl -w '%{time_connect}'`
/// reports), summed over a redirect chain's hops. `tls` is 0 for http.
public struct PageTimings: Sendable, Equatable {
    public var dns: Double
    public var connect: Double
    public var tls: Double
    public var firstByte: Double
    public var total: Double

    public init(dns: Double, connect: Double, tls: Double, firstByte: Double, total: Double) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
    }
}
