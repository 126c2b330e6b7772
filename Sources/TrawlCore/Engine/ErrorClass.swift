import TrawlFetch

/// The fixed, documented set of error classes written to pages.jsonl's
/// `error` field and counted in the report. A fetch either succeeds (2xx or
/// 3xx without a usable redirect) or ends in exactly one of these.
public enum ErrorClass: String, Sendable, CaseIterable, Comparable {
    case dns
    case connect
    case timeout
    case tls
    case reset
    case tooLarge = "too-large"
    case tooManyRedirects = "too-many-redirects"
    case redirectLoop = "redirect-loop"
    case outOfScopeRedirect = "out-of-scope-redirect"
    /// A redirect hop a gate refused: a `Location` longer than
    /// `--max-url-length`, or a trap rule; the detail names it.
    case refusedRedirect = "refused-redirect"
    case unsupportedScheme = "unsupported-scheme"
    case badResponse = "bad-response"
    /// The body is not in its declared Content-Encoding.
    case badEncoding = "bad-encoding"
    case http4xx = "http-4xx"
    case http5xx = "http-5xx"
    /// robots.txt forbids the page; no request was made.
    case robotsDisallowed = "robots-disallowed"
    /// The host's robots.txt could not be fetched (no answer or a 5xx),
    /// which RFC 9309 reads as "disallow all"; no request was made.
    case robotsUnavailable = "robots-unavailable"
    /// The address the host resolved to is one trawl refuses to connect
    /// to (link-local by default; private ones with `--deny-private`).
    case addressRefused = "address-refused"
    case other

    public static func < (lhs: ErrorClass, rhs: ErrorClass) -> Bool { lhs.rawValue < rhs.rawValue }

    init(_ error: FetchError) {
        switch error.code {
        case .dns: self = .dns
        case .connect: self = .connect
        case .timeout: self = .timeout
        case .tls: self = .tls
        case .reset: self = .reset
        case .tooLarge: self = .tooLarge
        case .tooManyRedirects: self = .tooManyRedirects
        case .redirectLoop: self = .redirectLoop
        case .outOfScopeRedirect: self = .outOfScopeRedirect
        case .refusedRedirect: self = .refusedRedirect
        case .unsupportedScheme: self = .unsupportedScheme
        case .badResponse: self = .badResponse
        case .badEncoding: self = .badEncoding
        case .addressRefused: self = .addressRefused
        default: self = .other
        }
    }

    /// What kind of failure a class is, for the report: the network or the
    /// server's bytes (transport), an HTTP error status the server chose
    /// (a generated web's designed 404s are these), or a rule of the crawl
    /// that stopped the fetch (robots.txt, redirect and trap limits).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case transport, http, policy
    }

    public var kind: Kind {
        switch self {
        case .http4xx, .http5xx: .http
        case .robotsDisallowed, .robotsUnavailable, .refusedRedirect, .outOfScopeRedirect, .tooManyRedirects,
             .redirectLoop, .addressRefused: .policy
        case .dns, .connect, .timeout, .tls, .reset, .tooLarge, .unsupportedScheme, .badResponse, .badEncoding, .other:
            .transport
        }
    }

    init?(status: Int) {
        switch status {
        case 400..<500: self = .http4xx
        case 500..<600: self = .http5xx
        default: return nil
        }
    }
}
