import TrawlFetch
import TrawlURL

/// One fetch's redirects, followed hop by hop under a `RedirectPolicy`:
/// the loop logic every in-process strategy shares, whatever runs a hop (a
/// transfer awaited on the multi loop, or a blocking one on a worker
/// thread). A worker pumps it with its own way of fetching one URL:
///
///     var chain = RedirectChain(policy: redirects, url: job.url)
///     var result = fetch(job.url)
///     while let next = chain.nextHop(after: &result) { result = fetch(next) }
///
/// after which `result` is the fetch's outcome: the final response, with
/// `url` the URL asked for, `finalURL` the last hop, `redirectCount` the
/// hops followed and the timings summed over the hops (as libcurl sums them
/// when it follows redirects itself); or the error that ended the chain.
struct RedirectChain {
    let policy: RedirectPolicy
    /// The URL asked for.
    let url: String
    /// The URLs fetched so far, normalized, `url` first.
    private var visited: [WebURL]
    /// The timings of the hops before the current one, field by field.
    private var earlier = FetchTimings()

    init(policy: RedirectPolicy, url: String) {
        self.policy = policy
        self.url = url
        // A URL the parser refuses leaves the chain empty, and the policy
        // then treats every response as final.
        visited = WebURL(url).map { [$0.normalizedForCrawl()] } ?? []
    }

    /// Reads the result of fetching the chain's latest URL. Returns the
    /// next URL to fetch if the policy follows the redirect; otherwise
    /// rewrites `result` into the fetch's outcome and returns nil.
    mutating func nextHop(after result: inout Result<FetchResponse, FetchError>) -> String? {
        let response: FetchResponse
        switch result {
        case .failure(let error):
            result = .failure(situated(error))
            return nil
        case .success(let success):
            response = success
        }
        switch policy.decide(chain: visited, status: response.status, location: response.header("location")) {
        case .follow(let next):
            earlier.add(response.timings)
            visited.append(next)
            return next.href
        case .final:
            result = .success(finished(response))
        case .stop(let code, let detail):
            result = .failure(FetchError(code: code, url: url, message: detail))
        }
        return nil
    }

    private var hops: Int { max(visited.count - 1, 0) }

    private func finished(_ last: FetchResponse) -> FetchResponse {
        var response = last
        response.url = url
        response.redirectCount = hops
        var timings = earlier
        timings.add(last.timings)
        // The time every earlier hop took, before the final request began.
        timings.redirect = earlier.total + last.timings.redirect
        response.timings = timings
        return response
    }

    /// A hop that fails fails the fetch; past the first hop the error is
    /// reported for the URL asked for, its message naming the hop.
    private func situated(_ error: FetchError) -> FetchError {
        guard hops > 0 else { return error }
        var situated = error
        situated.url = url
        situated.message = "\(error.message) (fetching \(error.url), redirect \(hops) from \(url))"
        return situated
    }
}

fileprivate extension FetchTimings {
    /// Adds `other` field by field.
    mutating func add(_ other: FetchTimings) {
        dns += other.dns
        connect += other.connect
        tls += other.tls
        firstByte += other.firstByte
        total += other.total
        redirect += other.redirect
    }
}
