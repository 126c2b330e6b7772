/// How every transfer of one fetcher is made. The same value configures the
/// event-loop fetcher (`CurlMultiFetcher`) and the blocking one
/// (`BlockingFetcher`), through `EasyHandle.prepare`. Codable so that
/// `--mode processes` hands its workers exactly the parent's settings.
public struct FetchConfiguration: Sendable, Codable, Equatable {
    /// A minimum transfer rate: abort a transfer slower than
    /// `bytesPerSecond` for `duration` (CURLOPT_LOW_SPEED_LIMIT / _TIME).
    public struct LowSpeedLimit: Sendable, Equatable, Codable {
        public var bytesPerSecond: Int
        public var duration: Duration

        public init(bytesPerSecond: Int, duration: Duration) {
            self.bytesPerSecond = bytesPerSecond
            self.duration = duration
        }
    }

    /// The product and version only: trawl has no web page to name, and an
    /// invented one would send site operators nowhere. Users who crawl
    /// others' sites add their own contact (`--user-agent`).
    public var userAgent: String = "trawl/0.1"
    /// The whole transfer, redirects included.
    public var timeout: Duration = .seconds(30)
    /// Whether libcurl may take a proxy from the environment (`http_proxy`,
    /// `HTTPS_PROXY`, `ALL_PROXY`: see `ProxyEnvironment`), as curl does.
    /// Off (`--no-proxy-env`), every transfer goes direct.
    public var useProxyEnvironment = true
    /// CURLOPT_PROXY (`--proxy`): every request goes through this proxy,
    /// whatever the environment says (`no_proxy` included: CURLOPT_NOPROXY
    /// is set empty). nil: the environment decides, as above.
    public var proxy: String?
    /// CURLOPT_CONNECTTIMEOUT_MS: DNS, TCP and TLS together. libcurl's own
    /// default is 300 s; 10 s frees a dead host's slot far sooner.
    public var connectTimeout: Duration = .seconds(10)
    /// CURLOPT_HTTPHEADER (`--header`): sent with every request, robots.txt
    /// included; never to a proxy (libcurl keeps proxy headers separate).
    public var headers: [RequestHeader] = []
    /// `--cookie-jar`: a Netscape cookie file. When set, the fetcher's
    /// transfers share one cookie store (libcurl's cookie engine over a
    /// share handle), loaded from this file when the fetcher starts; the
    /// fetcher's owner writes it back with `CookieJar.save()`. nil: no
    /// cookies are kept or sent.
    public var cookieJar: String?
    /// The most body bytes kept, after content decoding; a transfer that
    /// delivers more is aborted with `FetchError.Code.tooLarge`. Because
    /// curl decodes before handing bytes over, this also stops a gzip bomb.
    public var maxBodyBytes: Int = 10 << 20
    /// The most body bytes one fetcher's transfers, and the responses it
    /// handed over and that are not yet dropped, hold at once (see
    /// `BodyBudget`); nil for no cap beyond concurrency × `maxBodyBytes`.
    /// A transfer that would pass it waits (paused, or sleeping in a
    /// blocking fetcher) until room is made; one at a time may go on
    /// past it, so the bound is this plus one `maxBodyBytes`.
    /// 64 MiB holds 650 bodies of 100 KB, so it bites only on large or
    /// slow ones; 64 concurrent 8 MB pages peaked at 238 MB RSS with it,
    /// 490-540 MB without (README, "Bodies in flight").
    public var maxBufferedBodyBytes: Int? = 64 << 20
    /// With `followRedirects`, the most redirects libcurl follows; the limit
    /// a caller that follows them itself should apply too.
    public var maxRedirects: Int = 10
    /// Whether libcurl follows redirects itself (CURLOPT_FOLLOWLOCATION, up
    /// to `maxRedirects`, http and https only). Off, every 3xx is the
    /// response, `Location` header and all, so the caller can judge each
    /// hop (the crawl strategies do: see TrawlCore's `RedirectPolicy`).
    public var followRedirects: Bool = true
    /// CURLOPT_CONNECT_TO entries, `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT`,
    /// e.g. `"::127.0.0.1:8080"` sends every request to 127.0.0.1:8080 while
    /// keeping the URL's host in `Host:` and TLS.
    public var connectTo: [String] = []
    /// CURLOPT_RESOLVE entries, `HOST:PORT:ADDRESS[,ADDRESS]...`, e.g.
    /// `"meta.test:80:169.254.169.254"`: the addresses `HOST:PORT` resolves
    /// to, without asking DNS. Unlike `connectTo`, the URL's host still
    /// decides what is connected to, so `addressGuard` judges these
    /// addresses like any DNS answer.
    public var resolve: [String] = []
    /// The addresses never connected to: link-local by default, private
    /// ones too with `refusePrivate`. The CONNECT-HOSTs of `connectTo` are
    /// exempt. A refused address fails the transfer with
    /// `FetchError.Code.addressRefused` before a packet is sent.
    public var addressGuard = AddressGuard()
    /// The connection cache and the cap on open connections
    /// (CURLMOPT_MAXCONNECTS and CURLMOPT_MAX_TOTAL_CONNECTIONS). Set it near
    /// the crawl's concurrency: idle keep-alive connections hold fds too.
    /// `BlockingFetcher` uses it as the size of its shared connection cache
    /// only (CURLOPT_MAXCONNECTS): its open connections are capped by the
    /// number of threads fetching.
    public var maxConnections: Int = 256
    /// CURLMOPT_MAX_HOST_CONNECTIONS; 0 means unlimited. `CurlMultiFetcher`
    /// only: libcurl gives blocking transfers no way to set it (see
    /// `BlockingFetcher`).
    public var maxConnectionsPerHost: Int = 0
    /// `nil` disables the check. By default a transfer averaging under
    /// 1,000 bytes/s for 10 s is dropped (`FetchError.Code.timeout`): a
    /// server that drips a byte a second, or sends nothing at all, holds a
    /// slot for about 10 s rather than the whole `timeout`. 1 KB/s is far
    /// below any live server; the price is that a server silent for 10 s
    /// before its first byte is dropped too.
    public var lowSpeedLimit: LowSpeedLimit? = LowSpeedLimit(bytesPerSecond: 1_000, duration: .seconds(10))

    public init() {}
}

extension Duration {
    /// Whole milliseconds, rounded up so that a positive duration never
    /// becomes curl's "0 = no limit", and clamped to what a C long holds.
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let millis = seconds.multipliedReportingOverflow(by: 1000)
        if millis.overflow { return Int.max }
        let fraction = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let total = millis.partialValue.addingReportingOverflow(fraction)
        return total.overflow ? Int.max : Int(total.partialValue)
    }

    /// Whole seconds, rounded up (CURLOPT_LOW_SPEED_TIME takes seconds).
    var curlSeconds: Int {
        (curlMilliseconds + 999) / 1000
    }
}
