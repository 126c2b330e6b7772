internal import CCurl

/// A libcurl share handle through which the easy handles of the blocking
/// fetchers, each on its own thread, share one DNS cache and one TLS
/// session cache. They do not share connections (`BlockingFetcher` asks
/// for no `.connections`, for the reason in the caveat below): each
/// handle reuses its own. The multi loop needs none of this: a multi
/// handle already shares all three between its transfers. Cookies are
/// different: no handle shares them by itself, so with `--cookie-jar`
/// both fetchers attach every handle to a share holding `.cookies`.
///
/// **Why `@unchecked Sendable` is sound.** The only stored property is an
/// immutable pointer. Every option is set in `init`, before the object can
/// reach another thread; after that, Swift never touches the share again
/// except through libcurl calls on easy handles, and libcurl takes the
/// share's lock for the kind of data concerned (`CCurl_share_create`
/// installs one mutex per `curl_lock_data`) around every access to shared
/// state. `deinit` runs once, when no reference is left, which means no
/// easy handle is using it (see below).
///
/// **Lifetime rule.** curl_share_cleanup must come after every easy handle
/// using the share is cleaned up. Each `EasyHandle` that attaches a share
/// holds a strong reference to it, and its deinit calls curl_easy_cleanup
/// before that reference is released, so the last handle to go is always
/// cleaned up before the share. Should curl still report the share in use,
/// `CCurl_share_destroy` frees nothing.
///
/// **libcurl 7.88 caveat.** curl's documentation calls sharing the
/// connection cache between concurrently running threads "not supported"
/// (KNOWN_BUGS "A shared connection cache is not thread-safe", curl issues
/// #4915 and #9404). The cache itself is only touched under the CONNECT
/// lock, but a transfer looking for a reusable connection reads a few
/// fields (flags, TLS state) of connections other threads are busy with,
/// whose owners write them without that lock. It reads them only
/// to pass those connections over as in use, and 7.88 never multiplexes
/// HTTP/2 streams of two threads on one connection (a connection in use by
/// another multi handle is skipped), so an idle connection moves between
/// threads but is never used by two at once. Still, the data race is
/// libcurl's and cannot be fixed here, so trawl does not share
/// connections: each easy handle keeps its own, reused only by its own
/// session. `.connections` remains for measuring the difference.
final class CurlShare: @unchecked Sendable {
    private let share: OpaquePointer

    /// The CURLSH * for CURLOPT_SHARE.
    var raw: UnsafeMutableRawPointer { CCurl_share_handle(share) }

    /// What a share holds for the handles attached to it.
    struct Sharing: OptionSet {
        let rawValue: Int
        static let dns = Sharing(rawValue: 1)
        static let tlsSessions = Sharing(rawValue: 2)
        /// See the caveat above: for measurements only.
        static let connections = Sharing(rawValue: 4)
        /// One cookie store (`--cookie-jar`), read and written under the
        /// share's COOKIE lock by every transfer.
        static let cookies = Sharing(rawValue: 8)
    }

    init(sharing: Sharing) throws(FetchError) {
        if let failure = CurlLibrary.ensureInitialized() {
            throw FetchError(code: .other, url: "", message: failure)
        }
        guard let share = CCurl_share_create() else {
            throw FetchError(code: .other, url: "", message: "libcurl could not create a share handle")
        }
        let all: [(Sharing, String, curl_lock_data)] = [
            (.dns, "DNS", CURL_LOCK_DATA_DNS), (.tlsSessions, "SSL_SESSION", CURL_LOCK_DATA_SSL_SESSION),
            (.connections, "CONNECT", CURL_LOCK_DATA_CONNECT), (.cookies, "COOKIE", CURL_LOCK_DATA_COOKIE),
        ]
        for (_, name, kind) in all.filter({ sharing.contains($0.0) }) {
            let code = CCurl_share_setopt_long(CCurl_share_handle(share), CURLSHOPT_SHARE, Int(kind.rawValue))
            guard code == CURLSHE_OK else {
                _ = CCurl_share_destroy(share)
                throw FetchError(
                    code: .other, url: "",
                    message: "libcurl could not share CURL_LOCK_DATA_\(name): " + String(cString: curl_share_strerror(code)))
            }
        }
        // Stored last: a class whose init throws once every property is set
        // still runs deinit, which would destroy the share a second time.
        self.share = share
    }

    deinit {
        _ = CCurl_share_destroy(share)
    }
}
