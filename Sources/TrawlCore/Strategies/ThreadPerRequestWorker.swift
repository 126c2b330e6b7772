import Foundation
import TrawlFetch

/// The `threads` strategy: a new OS thread for every request, running a
/// blocking `curl_easy_perform` and then the parse, like
/// `threading.Thread` per task. Creating the thread per request is the point
/// (its cost is what a comparison measures), so nothing is pooled but
/// connections (the fetcher's idle easy handles) and libcurl's DNS cache.
/// The engine's task group bounds the requests in flight to
/// `--concurrency`, so at most that many request threads are alive.
struct ThreadPerRequestWorker: CrawlWorker {
    let fetcher: BlockingFetcher
    let redirects: RedirectPolicy
    let processor: PageProcessor
    /// The stack each request thread reserves (glibc's default is 8 MiB of
    /// address space; only touched pages count towards RSS).
    static let stackSize = 512 << 10

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let flag = CancellationFlag()
        let outcome: PageOutcome? = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread { [fetcher, redirects, processor] in
                    continuation.resume(returning: BlockingPageJob.run(
                        job, fetcher: fetcher, redirects: redirects, processor: processor, flag: flag))
                }
                thread.stackSize = Self.stackSize
                thread.name = "trawl-request"
                thread.start()
            }
        } onCancel: {
            flag.cancel()
        }
        guard let outcome else { throw CancellationError() }
        return outcome
    }
}
