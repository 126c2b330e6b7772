import TrawlFetch
import TrawlURL

/// One fetch's redirects, followed hop by hop under a `RedirectPolicy`:
/// the logic every strategy shares, whatever runs a hop (a transfer awaited
/// on the multi loop, or a blocking one on a worker thread).
///
/// A page's chain goes through the frontier one hop at a time: the worker
/// fetches the job's URL within `remainingTime`, and `outcome(after:…)`
/// either hands the next hop back (`PageOutcome.redirect`) or ends the
/// chain. A robots.txt follows its chain in place, as RFC 9309 asks
/// ("at least five consecutive redirects, even across authorities"):
///
///     var chain = RedirectChain(policy: redirects, url: job.url)
///     var result = fetch(job.url, within: chain.remainingTime)
///     while let next = chain.nextHop(after: &result) { result = fetch(next, …) }
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
    /// The redirect status each URL of `visited` but the latest answered.
    private var statuses: [Int] = []
    /// The timings of the hops before the current one, field by field.
    private var earlier = FetchTimings()
    /// Wall time of the hops fetched by earlier jobs of the chain.
    private var earlierWallMilliseconds = 0.0

    init(policy: RedirectPolicy, url: String) {
        self.policy = policy
        self.url = url
        // A URL the parser refuses leaves the chain empty, and the policy
        // then treats every response as final.
        visited = WebURL(url).map { [$0.normalizedForCrawl()] } ?? []
    }

    /// The chain `job` continues: a new one for a page, the one it carries
    /// for a redirect hop.
    init(policy: RedirectPolicy, job: CrawlJob) {
        guard let hop = job.redirect else {
            self.init(policy: policy, url: job.url)
            return
        }
        self.init(policy: policy, url: hop.origin)
        visited = (hop.fetched + [job.url]).compactMap { WebURL($0) }
        statuses = hop.statuses
        earlier = hop.timings
        earlierWallMilliseconds = hop.wallMilliseconds
    }

    /// What the chain's transfers have left of `--timeout` for the next
    /// one; nil when it is spent.
    var remainingTime: Duration? {
        let left = policy.timeout - earlier.total
        return left > .zero ? left : nil
    }

    /// The failure of a hop that had no time left to start.
    func timeSpent(fetching hopURL: String) -> FetchError {
        FetchError(code: .timeout, url: url, message: "the redirect chain used its whole --timeout of "
                   + "\(policy.timeout) before redirect \(hops) to \(RedirectPolicy.abbreviated(hopURL))")
    }

    /// The outcome of the job whose fetch gave `result` (`wallMilliseconds`
    /// its own wall time): the next hop, handed to the frontier, or the
    /// chain's end, recorded for its first URL.
    mutating func outcome(after result: Result<FetchResponse, FetchError>, of job: CrawlJob, wallMilliseconds: Double,
                          processor: PageProcessor) -> PageOutcome {
        var result = result
        let wall = earlierWallMilliseconds + wallMilliseconds
        guard nextHop(after: &result) != nil, let target = visited.last else {
            return processor.outcome(for: job, result: result, wallMilliseconds: wall, redirects: redirects)
        }
        let hop = RedirectHop(origin: url, fetched: visited.dropLast().map(\.href), statuses: statuses, timings: earlier,
                              wallMilliseconds: wall)
        return processor.redirectOutcome(for: job, follow: RedirectFollow(target: target.href, hostKey: target.origin, hop: hop))
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
            statuses.append(response.status)
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

    /// The redirects followed so far, for the page's record.
    var redirects: [RedirectStep] {
        zip(visited, statuses).map { RedirectStep(url: $0.href, status: $1) }
    }

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
