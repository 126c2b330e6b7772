import Foundation
import Testing
import TrawlFetch

/// The cap on body bytes all transfers of a fetcher hold at once
/// (`FetchConfiguration.maxBufferedBodyBytes`), in both fetchers: transfers
/// wait for room instead of growing memory, one at a time goes past the cap
/// so every transfer ends, and a wait counts as a stall.
struct BodyBudgetTests {
    /// 8 bodies of 16 × 64 KiB = 1 MiB, one part every 10 ms, fetched at
    /// once under a 1 MiB budget: together they would hold 8 MiB. Every
    /// transfer must end whole, the budget must have bitten, and what was
    /// held at once stays within the cap plus one body.
    @Test(arguments: FetcherKind.allCases)
    func overlappingBodiesWaitForRoomAndAllFinish(kind: FetcherKind) async throws {
        let limit = 1 << 20
        let bodySize = 16 * FixtureServer.pacedPartSize
        var configuration = FetchConfiguration()
        configuration.maxBufferedBodyBytes = limit
        configuration.timeout = .seconds(20)
        let (results, stats) = try await FixtureServer.withServer { server in
            try await Self.fetchAtOnce(kind, configuration, Array(repeating: server.url("/paced/16/10"), count: 8))
        }
        #expect(results.count == 8)
        for result in results {
            #expect((try? result.get()) == bodySize, "\(result)")
        }
        #expect(stats.limitBytes == limit)
        #expect(stats.stalls >= 1)
        // A stall means one transfer was going past the cap meanwhile.
        #expect(stats.peakBytes > limit)
        #expect(stats.peakBytes <= limit + bodySize)
    }

    /// A body that arrives whole within the budget is never held back.
    @Test(arguments: FetcherKind.allCases)
    func bodiesWithinTheBudgetNeverStall(kind: FetcherKind) async throws {
        var configuration = FetchConfiguration()
        configuration.maxBufferedBodyBytes = 64 << 20
        let (results, stats) = try await FixtureServer.withServer { server in
            try await Self.fetchAtOnce(kind, configuration, Array(repeating: server.url("/big"), count: 4))
        }
        #expect(results.allSatisfy { (try? $0.get()) == FixtureServer.bigSize })
        #expect(stats.stalls == 0)
        #expect(stats.peakBytes >= FixtureServer.bigSize)
        #expect(stats.peakBytes <= 4 * FixtureServer.bigSize)
    }

    /// One transfer takes the budget and then stalls until its 3 s timeout;
    /// one started after it, with a 1 s timeout, waits for room until that
    /// timeout ends it: a timeout, not a hang and not an unbounded buffer.
    @Test(arguments: FetcherKind.allCases)
    func aTransferWaitingForRoomStillTimesOut(kind: FetcherKind) async throws {
        var configuration = FetchConfiguration()
        configuration.maxBufferedBodyBytes = 1 << 10
        configuration.timeout = .seconds(3)
        let started = ContinuousClock.now
        let (results, stats) = try await FixtureServer.withServer { server in
            try await Self.fetchAtOnce(kind, configuration, [server.url("/stall/100000"), server.url("/big")],
                                       staggeredBy: .milliseconds(300), timeouts: [nil, .seconds(1)])
        }
        let elapsed = ContinuousClock.now - started
        #expect(results[0].fetchError?.code == .timeout)
        #expect(results[1].fetchError?.code == .timeout)
        #expect(results[1].fetchError?.status == 200)
        #expect(stats.stalls == 1)
        #expect(elapsed < .seconds(6), "took \(elapsed)")
        #expect(results[1].fetchError?.bytesReceived == 0)
    }

    /// A response keeps its body counted until it is dropped: while the
    /// caller holds a 2 MiB body, over a 1 MiB budget, the next transfer
    /// waits (here until its 1 s timeout); once dropped, the next succeeds.
    @Test(arguments: FetcherKind.allCases)
    func aHeldResponseKeepsItsBodyCounted(kind: FetcherKind) async throws {
        var configuration = FetchConfiguration()
        configuration.maxBufferedBodyBytes = 1 << 20
        try await FixtureServer.withServer { server in
            let url = server.url("/big")
            switch kind {
            case .multi:
                try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                    var held: FetchResponse? = try await fetcher.fetch(url)
                    #expect(held?.body.count == FixtureServer.bigSize)
                    await #expect(throws: FetchError.self) { _ = try await fetcher.fetch(url, timeout: .seconds(1)) }
                    held = nil
                    #expect(try await fetcher.fetch(url).body.count == FixtureServer.bigSize)
                    #expect(fetcher.bodyBudget!.stats.stalls == 1)
                    _ = held
                }
            case .blocking:
                let fetcher = try BlockingFetcher(configuration)
                let outcomes = await OSThreads.one { () -> [Int] in
                    var held: FetchResponse? = try? fetcher.fetch(url) { false }.get()
                    let first = held?.body.count ?? -1
                    let second = (try? fetcher.fetch(url, timeout: .seconds(1)) { false }.get())?.body.count ?? -1
                    held = nil
                    let third = (try? fetcher.fetch(url) { false }.get())?.body.count ?? -1
                    _ = held
                    return [first, second, third]
                }
                #expect(outcomes == [FixtureServer.bigSize, -1, FixtureServer.bigSize])
                #expect(fetcher.bodyBudget!.stats.stalls == 1)
            }
        }
    }

    /// Fetches `urls` concurrently with one fresh fetcher of `kind` (one OS
    /// thread per URL for the blocking one), the i-th started i × `stagger`
    /// after the first, each within its entry of `timeouts` if it has one;
    /// returns the body sizes (responses are dropped at once, as a crawler
    /// drops them once parsed) and the budget's use.
    private static func fetchAtOnce(
        _ kind: FetcherKind, _ configuration: FetchConfiguration, _ urls: [String], staggeredBy stagger: Duration = .zero,
        timeouts: [Duration?] = []
    ) async throws -> ([Result<Int, FetchError>], BodyBudget.Stats) {
        switch kind {
        case .multi:
            return try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                let results = await withTaskGroup(of: (Int, Result<Int, FetchError>).self) { group in
                    for (index, url) in urls.enumerated() {
                        group.addTask {
                            try? await Task.sleep(for: stagger * index)
                            do {
                                let timeout = index < timeouts.count ? timeouts[index] : nil
                                return (index, .success(try await fetcher.fetch(url, timeout: timeout).body.count))
                            } catch {
                                return (index, .failure(error as? FetchError ?? FetchError(code: .other, url: url, message: "\(error)")))
                            }
                        }
                    }
                    var results = [Result<Int, FetchError>?](repeating: nil, count: urls.count)
                    for await (index, result) in group { results[index] = result }
                    return results.map { $0! }
                }
                return (results, fetcher.bodyBudget!.stats)
            }
        case .blocking:
            let fetcher = try BlockingFetcher(configuration)
            let results = await OSThreads.run(urls.count) { index in
                Thread.sleep(forTimeInterval: Double((stagger * index).components.attoseconds) / 1e18
                    + Double((stagger * index).components.seconds))
                return fetcher.fetch(urls[index], timeout: index < timeouts.count ? timeouts[index] : nil) { false }
                    .map(\.body.count)
            }
            return (results, fetcher.bodyBudget!.stats)
        }
    }
}
