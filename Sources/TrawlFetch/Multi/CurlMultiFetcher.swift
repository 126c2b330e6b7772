/// The event-loop fetcher: any number of concurrent `fetch` calls share one
/// libcurl multi handle driven by one thread (see `MultiLoop`), with
/// connection reuse, HTTP/2 where TLS negotiates it, and content decoding.
///
/// Made only by `withFetcher`, which tears it down when its body returns or
/// throws.
public final class CurlMultiFetcher: Sendable {
    private let mailbox: LoopMailbox
    private let thread: OSThread
    /// The cap on body bytes all transfers hold at once
    /// (`FetchConfiguration.maxBufferedBodyBytes`); nil without one.
    public let bodyBudget: BodyBudget?
    /// The transfers' cookies (`FetchConfiguration.cookieJar`); nil without.
    public let cookieJar: CookieJar?

    private init(mailbox: LoopMailbox, thread: OSThread, bodyBudget: BodyBudget?, cookieJar: CookieJar?) {
        self.mailbox = mailbox
        self.thread = thread
        self.bodyBudget = bodyBudget
        self.cookieJar = cookieJar
    }

    /// Runs `body` with a fetcher, then shuts it down, whether `body`
    /// returns, throws or is cancelled: transfers still pending fail with
    /// `FetchError.Code.cancelled`, the loop thread is joined and every curl
    /// handle cleaned up before this returns.
    ///
    /// Throws `FetchError` if the event loop cannot be set up.
    public static func withFetcher<R: Sendable>(
        _ configuration: FetchConfiguration,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (CurlMultiFetcher) async throws -> R
    ) async throws -> R {
        let fetcher = try start(configuration)
        let result: Result<R, any Error>
        do {
            result = .success(try await body(fetcher))
        } catch {
            result = .failure(error)
        }
        await fetcher.shutDown()
        return try result.get()
    }

    private static func start(_ configuration: FetchConfiguration) throws(FetchError) -> CurlMultiFetcher {
        let wakeUp = try EventFD()
        let mailbox = LoopMailbox(wakeUp: wakeUp)
        let bodyBudget = configuration.maxBufferedBodyBytes.map { BodyBudget(limit: $0) }
        // A dropped response may make room for a paused transfer.
        bodyBudget?.onRoom { wakeUp.signal() }
        let cookieJar = try configuration.cookieJar.map { path throws(FetchError) in
            try CookieJar(path: path, share: try CurlShare(sharing: .cookies))
        }
        let loop = try MultiLoop(configuration: configuration, share: cookieJar?.share, bodyBudget: bodyBudget,
                                 mailbox: mailbox, wakeUp: wakeUp)
        let thread: OSThread
        do {
            thread = try OSThread.start(name: "trawl-curl") { loop.run() }
        } catch {
            throw FetchError(code: .other, url: "", message: error.description)
        }
        return CurlMultiFetcher(mailbox: mailbox, thread: thread, bodyBudget: bodyBudget, cookieJar: cookieJar)
    }

    private func shutDown() async {
        mailbox.close()
        await thread.join()
    }

    /// Fetches `url` with GET, following redirects if the configuration
    /// says `followRedirects`. Any HTTP status is a response. Throws
    /// `FetchError` when no response could be had, or `CancellationError`
    /// when the calling task is cancelled (the transfer is then abandoned
    /// at once). `timeout`, when given, shortens the configuration's
    /// `timeout` for this transfer (the rest of a redirect chain's budget).
    public func fetch(_ url: String, timeout: Duration? = nil) async throws -> FetchResponse {
        guard let id = mailbox.reserve() else {
            throw FetchError(code: .cancelled, url: url, message: "the fetcher has shut down")
        }
        let mailbox = self.mailbox
        let transfer = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                mailbox.submit(id, url: url, timeout: timeout, continuation)
            }
        } onCancel: {
            mailbox.cancel(id)
        }
        return transfer.response()
    }
}
