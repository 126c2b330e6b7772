import DequeModule
import Foundation
import Synchronization
import TrawlFetch

/// `--concurrency` long-lived threads pulling work from one queue, the
/// model of Python's ThreadPoolExecutor. The threads fetch through one
/// shared `BlockingFetcher`, whose idle easy handles keep connections for
/// reuse, as the executor's tasks would share one connection pool.
final class FetchThreadPool: Sendable {
    typealias Work = @Sendable () -> Void

    private let queue = Mutex(Deque<Work?>())
    /// Counts queued items, so idle threads sleep in the kernel.
    private let available = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let threadCount: Int

    init(threads: Int) {
        threadCount = threads
        for index in 0..<threads {
            let thread = Thread { [self] in
                while true {
                    available.wait()
                    guard let work = queue.withLock({ $0.popFirst() }) ?? nil else { break }
                    work()
                }
                exited.signal()
            }
            thread.stackSize = ThreadPerRequestWorker.stackSize
            thread.name = "trawl-pool-\(index)"
            thread.start()
        }
    }

    func submit(_ work: @escaping Work) {
        queue.withLock { $0.append(work) }
        available.signal()
    }

    /// Lets every thread finish its current item and exit; waits for them.
    /// Called once the engine has no work in flight.
    func shutdown() {
        queue.withLock { queue in
            for _ in 0..<threadCount { queue.append(nil) }
        }
        for _ in 0..<threadCount { available.signal() }
        for _ in 0..<threadCount { exited.wait() }
    }
}

/// The `pool` strategy: jobs go to the thread pool's queue; the awaiting
/// task resumes when a pool thread has fetched and parsed the page.
struct ThreadPoolWorker: CrawlWorker {
    let pool: FetchThreadPool
    let fetcher: BlockingFetcher
    let redirects: RedirectPolicy
    let processor: PageProcessor

    func perform(_ job: CrawlJob) async throws -> PageOutcome {
        let flag = CancellationFlag()
        let outcome: PageOutcome? = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                pool.submit { [fetcher, redirects, processor] in
                    // A job cancelled while queued is dropped without a fetch.
                    guard !flag.isCancelled else { return continuation.resume(returning: nil) }
                    continuation.resume(returning: BlockingPageJob.run(
                        job, fetcher: fetcher, redirects: redirects, processor: processor, flag: flag))
                }
            }
        } onCancel: {
            flag.cancel()
        }
        guard let outcome else { throw CancellationError() }
        return outcome
    }
}
