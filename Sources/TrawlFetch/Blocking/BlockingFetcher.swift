/// The fetcher of the `threads` and `pool` crawl strategies: each thread
/// fetches with `curl_easy_perform` through its own `BlockingFetchSession`,
/// and all sessions of one fetcher share a connection cache, a DNS cache
/// and a TLS session cache through one libcurl share handle.
///
/// Transfers are configured exactly as `CurlMultiFetcher`'s (the same
/// `EasyHandle.prepare`) and their outcomes read by the same code, so the
/// same server behaviour gives the same `FetchResponse` or `FetchError`.
///
/// **Connection limits.** `maxConnections` sizes the shared connection
/// cache: libcurl closes the oldest idle connection when the cache holds
/// more than that many connections, counting the ones in use (see
/// `EasyHandle.prepare` for where the number goes). It does not cap open
/// connections: each thread runs one transfer at a time, so the number of
/// threads does. `maxConnectionsPerHost` is not enforced here: libcurl 7.88
/// applies CURLMOPT_MAX_HOST_CONNECTIONS only to a multi handle the caller
/// owns, and curl_easy_perform runs each transfer in a private multi handle
/// it does not expose. The crawler's frontier limits transfers per host
/// anyway.
///
/// No shutdown is needed: the share is cleaned up when the fetcher and
/// every session made from it are gone (each session keeps the fetcher
/// alive).
public final class BlockingFetcher: Sendable {
    let configuration: FetchConfiguration
    let share: CurlShare

    /// Throws `FetchError` (code `other`) when libcurl cannot be initialized
    /// or cannot make the share handle.
    public init(_ configuration: FetchConfiguration) throws(FetchError) {
        self.configuration = configuration
        self.share = try CurlShare()
    }

    /// A session for the calling thread: one reusable easy handle. Make one
    /// per thread and keep it for as many fetches as the thread makes.
    public func makeSession() -> BlockingFetchSession {
        BlockingFetchSession(fetcher: self)
    }
}
