/// One thread's way to fetch: a libcurl easy handle, reused from one
/// transfer to the next (reset and configured again each time), whose
/// transfers run on the calling thread inside `fetch`.
///
/// Not Sendable: one thread uses it at a time (libcurl forbids two threads
/// in one easy handle). Handing it to another thread between fetches is
/// fine.
///
/// Holds its `BlockingFetcher`, so the share handle outlives the easy handle.
public final class BlockingFetchSession {
    private let fetcher: BlockingFetcher
    /// Made on the first fetch; nil again if libcurl could not make it.
    private var handle: EasyHandle?

    init(fetcher: BlockingFetcher) {
        self.fetcher = fetcher
    }

    /// Fetches `url` with GET on the calling thread, following redirects,
    /// and returns once the transfer is over. Any HTTP status is a response;
    /// a failure to get one is a `FetchError`, classified exactly as
    /// `CurlMultiFetcher` classifies it.
    ///
    /// `isCancelled` is asked before the transfer starts and then whenever
    /// curl reports progress: on every chunk received and, while waiting,
    /// about once a second. Once it returns true the transfer is abandoned
    /// and the result is a `FetchError` with code `cancelled`. It runs on
    /// this thread, inside libcurl: keep it cheap (read an atomic flag).
    public func fetch(_ url: String, isCancelled: () -> Bool) -> Result<FetchResponse, FetchError> {
        guard let handle = handle ?? EasyHandle(configuration: fetcher.configuration, share: fetcher.share) else {
            return .failure(FetchError(code: .other, url: url, message: "libcurl could not create an easy handle"))
        }
        self.handle = handle
        do {
            try handle.prepare(url: url)
        } catch {
            return .failure(error)
        }
        // `finish` moves the body out on success and drops it on failure,
        // so an idle session holds no body.
        return handle.perform(isCancelled: isCancelled).map { $0.response() }
    }
}

@available(*, unavailable, message: "a session belongs to one thread at a time; make one per thread")
extension BlockingFetchSession: Sendable {}
