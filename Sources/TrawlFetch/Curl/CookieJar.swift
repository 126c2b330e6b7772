internal import CCurl

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The cookies of one fetcher's transfers (`--cookie-jar`): libcurl's
/// cookie engine over a share handle holding `.cookies`, so a cookie one
/// transfer receives goes with the next transfer to that site, whichever
/// handle or thread makes it. libcurl takes the share's COOKIE lock around
/// every read and write of the store.
///
/// Loaded from `path` (a Netscape cookie file, as curl's `-c` writes it;
/// a missing file is an empty jar) when made, and written back only by
/// `save()`: libcurl's own CURLOPT_COOKIEJAR writes at handle cleanup and
/// says nothing when the write fails, so trawl writes the file itself,
/// from CURLINFO_COOKIELIST, and reports a failure naming the file.
public final class CookieJar: Sendable {
    public let path: String
    let share: CurlShare

    /// Loads `path` into `share`'s cookie store. Throws when the file
    /// exists but cannot be read.
    init(path: String, share: CurlShare) throws(FetchError) {
        self.path = path
        self.share = share
        if access(path, F_OK) == 0, access(path, R_OK) != 0 {
            throw Self.failure("cannot read", path)
        }
        try withEasyHandle { handle throws(FetchError) in
            var options = OptionSetter(handle: handle)
            options.set(CURLOPT_SHARE, pointer: share.raw)
            options.set(CURLOPT_COOKIEFILE, path)
            // Loads the files named by CURLOPT_COOKIEFILE now, into the
            // share's store, instead of at this handle's first transfer.
            options.set(CURLOPT_COOKIELIST, "RELOAD")
            if let failure = options.failure {
                throw FetchError(code: .other, url: "", message: "cannot load cookie jar '\(path)': \(failure.code.explanation)")
            }
        }
    }

    /// Writes every cookie in the store to `path` (mode 0600: cookies are
    /// credentials), replacing the file whole: written beside it, then
    /// renamed over it, so an interrupted save leaves the old jar.
    public func save() throws(FetchError) {
        let lines = try withEasyHandle { handle throws(FetchError) in
            var options = OptionSetter(handle: handle)
            options.set(CURLOPT_SHARE, pointer: share.raw)
            if let failure = options.failure {
                throw FetchError(code: .other, url: "", message: "cannot read the cookies for '\(path)': \(failure.code.explanation)")
            }
            return Self.cookieLines(handle)
        }
        let text = "# Netscape HTTP Cookie File\n# Written by trawl at the end of a crawl (libcurl's cookie engine).\n\n"
            + lines.map { $0 + "\n" }.joined()
        let temporary = "\(path).trawl-\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Self.failure("cannot write", path) }
        let written = Array(text.utf8).withUnsafeBytes { SystemCall.writeAll(descriptor, $0) }
        let closed = close(descriptor)
        guard written.error == nil, closed == 0, rename(temporary, path) == 0 else {
            let error = Self.failure("cannot write", path, errno: written.error ?? errno)
            unlink(temporary)
            throw error
        }
    }

    /// The store's cookies as Netscape cookie-file lines.
    private static func cookieLines(_ handle: UnsafeMutableRawPointer) -> [String] {
        var pointer: UnsafeMutableRawPointer? = nil
        guard CCurl_easy_getinfo_pointer(handle, CURLINFO_COOKIELIST, &pointer) == CURLE_OK else { return [] }
        let list = pointer?.assumingMemoryBound(to: curl_slist.self)
        defer { curl_slist_free_all(list) }
        var lines: [String] = []
        var node = list
        while let current = node {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            node = current.pointee.next
        }
        return lines
    }

    /// A fresh easy handle for `body`, cleaned up after: it detaches from
    /// the share then, leaving the store to the share.
    private func withEasyHandle<R>(_ body: (UnsafeMutableRawPointer) throws(FetchError) -> R) throws(FetchError) -> R {
        guard let handle = curl_easy_init() else {
            throw FetchError(code: .other, url: "", message: "libcurl could not create an easy handle for cookie jar '\(path)'")
        }
        defer { curl_easy_cleanup(handle) }
        return try body(handle)
    }

    private static func failure(_ what: String, _ path: String, errno code: Int32 = errno) -> FetchError {
        FetchError(code: .other, url: "", message: "\(what) cookie jar '\(path)': \(String(cString: strerror(code)))")
    }
}
