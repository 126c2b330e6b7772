internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// One libcurl easy handle, configured from a `FetchConfiguration`, and the
/// buffers of the transfer it is doing. Every fetcher makes its transfers
/// through this type: the multi loop adds it to a multi handle, a blocking
/// fetcher calls `perform()`; both read the outcome with `finish(_:)`.
///
/// Reused across transfers: `prepare(url:)` resets the handle
/// (`curl_easy_reset`) and configures it again, which keeps its
/// allocations but none of the previous transfer's options.
///
/// Thread-confined, deliberately not Sendable: whichever thread drives the
/// transfer owns the handle.
///
/// A handle made with a `CurlShare` (the blocking fetchers; the multi
/// fetcher with `--cookie-jar`) keeps it alive:
/// deinit cleans up the CURL * before the reference to the share goes, so
/// the share always outlives every handle attached to it.
///
/// **Context pointer rule.** CURLOPT_PRIVATE, CURLOPT_WRITEDATA,
/// CURLOPT_HEADERDATA, CURLOPT_OPENSOCKETDATA (when the address guard
/// refuses anything) and (blocking transfers) CURLOPT_XFERINFODATA all hold
/// `self`, unretained. Whoever drives the
/// transfer keeps `self` alive for as long as curl may call back (the multi
/// loop's table of active transfers; a blocking caller's stack), and
/// `EasyHandle.from(_:)` is the only way the pointer becomes an object again.
final class EasyHandle {
    /// The CURL * this object owns; cleaned up in deinit.
    let raw: UnsafeMutableRawPointer
    let configuration: FetchConfiguration
    /// `configuration.addressGuard` with the connect-to targets and the
    /// proxy exempt.
    let addressGuard: AddressGuard
    /// The share attached with CURLOPT_SHARE on every transfer, if any.
    let share: CurlShare?

    /// The driver's name for the current transfer (the multi loop's id).
    var tag: UInt64 = 0

    /// The URL of the current transfer, as asked for.
    private(set) var url: String = ""

    // Transfer state, filled by the callbacks in EasyHandle+Callbacks.swift.
    var body: [UInt8] = []
    /// The current header block's lines, status line and blank line excluded.
    var headerBytes: [UInt8] = []
    var blockStatus = 0
    var blockContentLength: Int? = nil
    var blockIsEncoded = false
    /// Whether the current block's blank line has been seen.
    var blockEnded = false
    /// Set when the body cap aborted the transfer, so CURLE_WRITE_ERROR can
    /// be reported as `tooLarge` rather than a generic write failure.
    var bodyTooLarge = false
    /// Final responses (status 200 and up) whose headers ended, across
    /// redirects, and the status of the last one: compared with
    /// CURLINFO_REDIRECT_COUNT, they tell whether the request that failed
    /// had its headers (see `finish`).
    var completedResponses = 0
    var completedStatus = 0
    /// Why the guard refused the last address curl tried to connect to;
    /// nil when it allowed the last one (or none was tried).
    var addressRefusal: String? = nil
    /// What the progress callback asks while a blocking transfer runs
    /// (`perform(isCancelled:)`), and whether it said yes, so that
    /// CURLE_ABORTED_BY_CALLBACK can be reported as `cancelled`.
    var cancellationCheck: (() -> Bool)? = nil
    var abortedByCaller = false

    /// The fetcher's cap on body bytes held by all its transfers, if any,
    /// and how this handle waits for room (see EasyHandle+BodyBudget).
    let budget: BodyBudget?
    let budgetWait: BodyBudgetWait
    /// The current transfer's name in `budget`, and the bytes reserved.
    var budgetOwner: UInt64 = 0
    var budgetHeld = 0
    /// Whether the transfer is waiting for room now (a stall is counted
    /// once per wait), and whether its time ran out while it waited.
    var budgetWaiting = false
    var budgetTimedOut = false
    /// When the current transfer's `timeout` ends.
    var transferDeadline = ContinuousClock.now

    /// CURLOPT_CONNECT_TO, CURLOPT_RESOLVE and CURLOPT_HTTPHEADER; curl
    /// does not copy lists, so these live as long as the handle (and are
    /// freed in deinit).
    private let connectTo: UnsafeMutablePointer<curl_slist>?
    private let resolve: UnsafeMutablePointer<curl_slist>?
    private let headers: UnsafeMutablePointer<curl_slist>?
    /// CURLOPT_ERRORBUFFER: curl's detailed message for a failure.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Returns nil when libcurl cannot make a handle (out of memory, or
    /// curl_global_init failed).
    init?(configuration: FetchConfiguration, share: CurlShare? = nil, budget: BodyBudget? = nil,
          budgetWait: BodyBudgetWait = .sleep) {
        guard CurlLibrary.ensureInitialized() == nil, let raw = curl_easy_init() else { return nil }
        guard let connectTo = Self.list(configuration.connectTo) else {
            curl_easy_cleanup(raw)
            return nil
        }
        guard let resolve = Self.list(configuration.resolve) else {
            curl_slist_free_all(connectTo)
            curl_easy_cleanup(raw)
            return nil
        }
        guard let headers = Self.list(configuration.headers.map(\.line)) else {
            curl_slist_free_all(connectTo)
            curl_slist_free_all(resolve)
            curl_easy_cleanup(raw)
            return nil
        }
        self.raw = raw
        self.configuration = configuration
        self.addressGuard = configuration.addressGuard.exempting(connectTo: configuration.connectTo)
            .exempting(proxy: configuration.proxy)
        self.share = share
        self.budget = budget
        self.budgetWait = budgetWait
        self.connectTo = connectTo
        self.resolve = resolve
        self.headers = headers
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(raw)
        curl_slist_free_all(connectTo)
        curl_slist_free_all(resolve)
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    /// A curl_slist of `entries`: .some(nil) for none, nil when out of memory.
    private static func list(_ entries: [String]) -> UnsafeMutablePointer<curl_slist>?? {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for entry in entries {
            guard let appended = curl_slist_append(list, entry) else {
                curl_slist_free_all(list)
                return nil
            }
            list = appended
        }
        return .some(list)
    }

    /// The handle behind a context pointer that curl hands back.
    static func from(_ context: UnsafeMutableRawPointer?) -> EasyHandle? {
        guard let context else { return nil }
        return Unmanaged<EasyHandle>.fromOpaque(context).takeUnretainedValue()
    }

    /// The handle a finished CURL * belongs to, via CURLINFO_PRIVATE.
    static func owning(_ easy: UnsafeMutableRawPointer) -> EasyHandle? {
        var context: UnsafeMutableRawPointer? = nil
        guard CCurl_easy_getinfo_pointer(easy, CURLINFO_PRIVATE, &context) == CURLE_OK else { return nil }
        return from(context)
    }

    /// Forgets the previous transfer and configures the handle to fetch
    /// `url`, within `timeout` if that is shorter than the configuration's.
    func prepare(url: String, timeout: Duration? = nil) throws(FetchError) {
        curl_easy_reset(raw)
        self.url = url
        body = []
        headerBytes.removeAll(keepingCapacity: true)
        blockStatus = 0
        blockContentLength = nil
        blockIsEncoded = false
        blockEnded = false
        bodyTooLarge = false
        completedResponses = 0
        completedStatus = 0
        addressRefusal = nil
        abortedByCaller = false
        releaseBudget()
        budgetOwner = budget?.newOwner() ?? 0
        budgetTimedOut = false
        errorBuffer[0] = 0

        let context = Unmanaged.passUnretained(self).toOpaque()
        var options = OptionSetter(handle: raw)
        options.set(CURLOPT_URL, url)
        options.set(CURLOPT_PRIVATE, pointer: context)
        options.set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        options.set(CURLOPT_WRITEFUNCTION) { data, size, count, context in
            EasyHandle.from(context)?.receiveBody(data, size * count) ?? 0
        }
        options.set(CURLOPT_WRITEDATA, pointer: context)
        options.set(CURLOPT_HEADERFUNCTION) { data, size, count, context in
            EasyHandle.from(context)?.receiveHeader(data, size * count) ?? 0
        }
        options.set(CURLOPT_HEADERDATA, pointer: context)
        options.set(CURLOPT_NOSIGNAL, 1)
        options.set(CURLOPT_USERAGENT, configuration.userAgent)
        options.set(CURLOPT_PROTOCOLS_STR, "http,https")
        options.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        if configuration.followRedirects {
            options.set(CURLOPT_FOLLOWLOCATION, 1)
            options.set(CURLOPT_MAXREDIRS, configuration.maxRedirects)
        } else {
            options.set(CURLOPT_FOLLOWLOCATION, 0)
        }
        options.set(CURLOPT_ACCEPT_ENCODING, "")   // every encoding this curl decodes
        options.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
        // At least 1 ms: a time budget spent to zero must time out, and 0 would
        // mean "no timeout" to curl.
        let allowed = min(timeout ?? configuration.timeout, configuration.timeout)
        options.set(CURLOPT_TIMEOUT_MS, max(allowed.curlMilliseconds, 1))
        transferDeadline = ContinuousClock.now + allowed
        options.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)
        if let proxy = configuration.proxy {
            options.set(CURLOPT_PROXY, proxy)
            // "" overrides no_proxy: an explicit proxy takes every request.
            options.set(CURLOPT_NOPROXY, "")
        } else if !configuration.useProxyEnvironment {
            // "" disables every proxy, the environment's included.
            options.set(CURLOPT_PROXY, "")
        }
        if let headers {
            options.set(CURLOPT_HTTPHEADER, list: headers)
        }
        if configuration.cookieJar != nil {
            // "" turns the cookie engine on without reading a file: the
            // store is the share's, which `CookieJar` loaded once.
            options.set(CURLOPT_COOKIEFILE, "")
        }
        if let lowSpeed = configuration.lowSpeedLimit {
            options.set(CURLOPT_LOW_SPEED_LIMIT, lowSpeed.bytesPerSecond)
            options.set(CURLOPT_LOW_SPEED_TIME, lowSpeed.duration.curlSeconds)
        }
        if let connectTo {
            options.set(CURLOPT_CONNECT_TO, list: connectTo)
        }
        if let resolve {
            options.set(CURLOPT_RESOLVE, list: resolve)
        }
        if addressGuard.refusesAnything {
            options.guardAddresses(context: context)
        }
        // The connection cache's size. A multi handle ignores this (the
        // multi loop sets CURLMOPT_MAXCONNECTS instead), but
        // curl_easy_perform copies it onto the private multi handle it runs
        // the transfer in, and libcurl 7.88 compares that number with the
        // size of whichever cache the transfer uses. Left at curl's default
        // of 5, a thread whose transfers go to more hosts than that would
        // close idle connections as fast as it made them (and should a
        // share ever hold the connections again, the cache would be every
        // thread's).
        options.set(CURLOPT_MAXCONNECTS, configuration.maxConnections)
        // curl_easy_reset keeps the share attached; setting it again is
        // cheap (curl detaches and re-attaches under CURL_LOCK_DATA_SHARE)
        // and keeps this the one place a handle is configured.
        if let share {
            options.set(CURLOPT_SHARE, pointer: share.raw)
        }
        if let failure = options.failure {
            throw FetchError(
                code: .other, url: url,
                message: "could not set \(failure.option): \(failure.code.explanation)",
                curlCode: failure.code.rawValue)
        }
    }

    /// Runs the prepared transfer on the calling thread (curl_easy_perform),
    /// for the blocking fetchers.
    func perform() -> Result<FinishedTransfer, FetchError> {
        finish(CurlCode(curl_easy_perform(raw)))
    }

    /// curl's detailed message for the last failure, or its generic one.
    func failureMessage(_ code: CurlCode) -> String {
        errorBuffer[0] == 0 ? code.explanation : String(cString: errorBuffer)
    }
}

/// Sets options and remembers the first that failed, so `prepare` checks
/// once instead of after every call.
struct OptionSetter {
    let handle: UnsafeMutableRawPointer
    var failure: (option: String, code: CurlCode)? = nil

    mutating func record(_ code: CURLcode, _ option: CURLoption) {
        if code != CURLE_OK, failure == nil {
            failure = ("curl option \(option.rawValue)", CurlCode(code))
        }
    }

    mutating func set(_ option: CURLoption, _ value: Int) {
        record(CCurl_easy_setopt_long(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, _ value: String) {
        record(CCurl_easy_setopt_string(handle, option, value), option)
    }

    mutating func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer) {
        record(CCurl_easy_setopt_pointer(handle, option, pointer), option)
    }

    mutating func set(_ option: CURLoption, list: UnsafeMutablePointer<curl_slist>) {
        record(CCurl_easy_setopt_slist(handle, option, list), option)
    }

    mutating func set(_ option: CURLoption, function: curl_write_callback) {
        record(CCurl_easy_setopt_write_function(handle, option, function), option)
    }
}

extension EasyHandle {
    /// Drops the buffers of an ended or abandoned transfer before the
    /// handle idles, and gives its bytes back to the budget.
    func releaseBuffers() {
        body = []
        headerBytes.removeAll(keepingCapacity: true)
        releaseBudget()
    }
}
