/// The fetcher of the `threads` and `pool` crawl strategies: `fetch` runs
/// one transfer with `curl_easy_perform` on the calling thread. Any number
/// of threads may fetch at once.
///
/// **Connections are reused across threads** the way a thread-safe
/// connection pool (urllib3's, say) reuses them: every easy handle keeps
/// the connection of its last transfer, and a fetch takes an idle handle
/// whose connection goes to the same origin (`IdleHandles`), making a new
/// handle only when there is none. The DNS cache and TLS sessions are
/// shared between all handles through a libcurl share handle; the
/// connection cache is not (see `IdleHandles` for why).
///
/// Transfers are configured exactly as `CurlMultiFetcher`'s (the same
/// `EasyHandle.prepare`) and their outcomes read by the same code, so the
/// same server behaviour gives the same `FetchResponse` or `FetchError`.
///
/// **Connection limits.** `maxConnections` caps the idle handles kept, and
/// so the idle connections; open connections are capped by the threads
/// fetching. `maxConnectionsPerHost` is not enforced here: libcurl 7.88
/// applies CURLMOPT_MAX_HOST_CONNECTIONS only to a multi handle the caller
/// owns, and curl_easy_perform runs each transfer in a private multi handle
/// it does not expose. The crawler's frontier limits transfers per host
/// anyway.
public final class BlockingFetcher: Sendable {
    /// Every handle's configuration. Its `maxConnections` is 1: a handle's
    /// own connection cache keeps just the last connection (curl closes
    /// the older one when a handle moves to another origin).
    let handleConfiguration: FetchConfiguration
    let share: CurlShare
    private let idle: IdleHandles
    /// The cap on body bytes all fetching threads hold at once
    /// (`FetchConfiguration.maxBufferedBodyBytes`); nil without one.
    public let bodyBudget: BodyBudget?
    /// The transfers' cookies (`FetchConfiguration.cookieJar`), in `share`;
    /// nil without.
    public let cookieJar: CookieJar?

    /// Throws `FetchError` (code `other`) when libcurl cannot be initialized
    /// or cannot make the share handle, or the cookie jar cannot be read.
    public init(_ configuration: FetchConfiguration) throws(FetchError) {
        var perHandle = configuration
        perHandle.maxConnections = 1
        handleConfiguration = perHandle
        let share = try CurlShare(sharing: configuration.cookieJar == nil ? [.dns, .tlsSessions] : [.dns, .tlsSessions, .cookies])
        self.share = share
        cookieJar = try configuration.cookieJar.map { path throws(FetchError) in try CookieJar(path: path, share: share) }
        idle = IdleHandles(capacity: configuration.maxConnections)
        bodyBudget = configuration.maxBufferedBodyBytes.map { BodyBudget(limit: $0) }
    }

    /// Fetches `url` with GET on the calling thread, following redirects if
    /// the configuration says `followRedirects`, and returns once the
    /// transfer is over. Any HTTP status is a response; a failure to get one
    /// is a `FetchError`, classified exactly as `CurlMultiFetcher`
    /// classifies it.
    ///
    /// `isCancelled` is asked before the transfer starts and then whenever
    /// curl reports progress: on every chunk received and, while waiting,
    /// about once a second. Once it returns true the transfer is abandoned
    /// and the result is a `FetchError` with code `cancelled`. It runs on
    /// this thread, inside libcurl: keep it cheap (read an atomic flag).
    ///
    /// `timeout`, when given, shortens the configuration's `timeout` for
    /// this transfer (the rest of a redirect chain's budget).
    public func fetch(_ url: String, timeout: Duration? = nil, isCancelled: () -> Bool) -> Result<FetchResponse, FetchError> {
        let origin = IdleHandles.origin(of: url)
        guard let handle = idle.checkOut(origin: origin) ?? EasyHandle(configuration: handleConfiguration, share: share, budget: bodyBudget, budgetWait: .sleep) else {
            return .failure(FetchError(code: .other, url: url, message: "libcurl could not create an easy handle"))
        }
        do {
            try handle.prepare(url: url, timeout: timeout)
        } catch {
            idle.checkIn(handle, origin: origin)
            return .failure(error)
        }
        // `finish` moves the body out on success and drops it on failure,
        // so an idle handle holds no body.
        let result = handle.perform(isCancelled: isCancelled).map { $0.response() }
        // After redirects the connection kept is the final URL's.
        let finalOrigin = (try? result.get()).map { IdleHandles.origin(of: $0.finalURL) } ?? origin
        idle.checkIn(handle, origin: finalOrigin)
        return result
    }
}
