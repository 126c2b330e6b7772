import Testing
import TrawlFetch

/// The two fetchers, so one test body can check both: every transfer of
/// either goes through the same `EasyHandle` configuration and completion
/// code, and must come to the same outcome.
enum FetcherKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case multi
    case blocking

    var testDescription: String { rawValue }

    /// Fetches `urls` in order with a fresh fetcher of this kind (a blocking
    /// one on an OS thread of its own) and returns every outcome.
    func fetch(_ configuration: FetchConfiguration, _ urls: [String]) async throws -> [Result<FetchResponse, FetchError>] {
        switch self {
        case .multi:
            return try await CurlMultiFetcher.withFetcher(configuration) { fetcher in
                var results: [Result<FetchResponse, FetchError>] = []
                for url in urls {
                    do {
                        results.append(.success(try await fetcher.fetch(url)))
                    } catch let error as FetchError {
                        results.append(.failure(error))
                    }
                }
                return results
            }
        case .blocking:
            let fetcher = try BlockingFetcher(configuration)
            return await OSThreads.one {
                urls.map { url in fetcher.fetch(url) { false } }
            }
        }
    }

    /// The one outcome of fetching `url` with a fresh fetcher.
    func fetch(_ configuration: FetchConfiguration, _ url: String) async throws -> Result<FetchResponse, FetchError> {
        try await fetch(configuration, [url])[0]
    }
}

extension Result where Failure == FetchError {
    /// The error, if this is one.
    var fetchError: FetchError? {
        guard case .failure(let error) = self else { return nil }
        return error
    }
}
