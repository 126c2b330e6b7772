/// Where a transfer's time went, as libcurl reports it (the microsecond
/// CURLINFO_*_TIME_T values; see curl_easy_getinfo(3) for the exact phases).
/// `dns`, `connect`, `tls` (CURLINFO_APPCONNECT), `firstByte`
/// (CURLINFO_STARTTRANSFER) and `total` are measured from the start of the
/// transfer, not one phase to the next; `redirect` is the time all redirect
/// steps took before the final request began. A phase that did not happen
/// (TLS on plain http, connecting on a reused connection) reads zero or
/// repeats the previous phase's value, as curl reports it.
public struct FetchTimings: Sendable, Equatable {
    public var dns: Duration
    public var connect: Duration
    public var tls: Duration
    public var firstByte: Duration
    public var total: Duration
    public var redirect: Duration

    public init(
        dns: Duration = .zero, connect: Duration = .zero, tls: Duration = .zero,
        firstByte: Duration = .zero, total: Duration = .zero, redirect: Duration = .zero
    ) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
        self.redirect = redirect
    }
}

/// One completed HTTP exchange. Any status is a response, 404 and 500
/// included; only failures to get a response are `FetchError`s.
///
/// With a body budget (`FetchConfiguration.maxBufferedBodyBytes`), the
/// body counts against it until the last copy of the response is dropped:
/// drop responses once read, and keep fewer bodies than the budget while
/// waiting for another fetch, or that fetch waits for room.
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL of the final response, after redirects.
    public var finalURL: String
    public var status: Int
    /// The final response's `Content-Type`, if it had one.
    public var contentType: String?
    /// The final response's headers, in order, names as sent.
    public var headers: [(name: String, value: String)]
    /// The body after content decoding (gzip, br, zstd).
    public var body: [UInt8]
    public var redirectCount: Int
    /// "1.0", "1.1", "2" or "3".
    public var httpVersion: String
    public var timings: FetchTimings
    /// Keeps the body counted in the fetcher's `BodyBudget` for as long as
    /// any copy of this response lives.
    var bodyLease: BodyLease? = nil

    public init(
        url: String, finalURL: String, status: Int, contentType: String?,
        headers: [(name: String, value: String)], body: [UInt8], redirectCount: Int,
        httpVersion: String, timings: FetchTimings
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
        self.redirectCount = redirectCount
        self.httpVersion = httpVersion
        self.timings = timings
    }

    /// The first header called `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }
}
