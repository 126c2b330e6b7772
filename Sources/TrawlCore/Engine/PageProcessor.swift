import Foundation
import TrawlExtract
import TrawlFetch
import TrawlURL

/// Turns a fetch result into a `PageOutcome`: classify, parse HTML, resolve
/// and scope the links. Pure and shared by every strategy, so a comparison
/// of strategies measures the strategy and nothing else. It runs on the
/// worker (a cooperative-pool task or a worker thread), never on the curl
/// event-loop thread.
public struct PageProcessor: Sendable {
    public var scope: CrawlScope
    /// `--edges all`: keep out-of-scope targets in edges.csv too.
    public var includeOutOfScopeEdges: Bool
    /// The User-Agent whose product token picks the robots.txt group.
    public var userAgent: String
    public var retry: RetryPolicy
    public var links: LinkFilter
    /// What one page may cost the parser: attributes per tag, title bytes,
    /// CPU time.
    public var extraction: ExtractionLimits

    public init(scope: CrawlScope, includeOutOfScopeEdges: Bool = false, userAgent: String = FetchConfiguration().userAgent,
                retry: RetryPolicy = RetryPolicy(), links: LinkFilter = LinkFilter(),
                extraction: ExtractionLimits = ExtractionLimits()) {
        self.scope = scope
        self.includeOutOfScopeEdges = includeOutOfScopeEdges
        self.userAgent = userAgent
        self.retry = retry
        self.links = links
        self.extraction = extraction
    }

    /// The outcome of fetching `job`; `redirects` are the hops its chain
    /// followed before `result`.
    public func outcome(for job: CrawlJob, result: Result<FetchResponse, FetchError>, wallMilliseconds: Double,
                        redirects: [RedirectStep] = []) -> PageOutcome {
        if job.kind == .robots { return robotsOutcome(for: job, result: result) }
        var outcome = fetchedOutcome(for: job, result: result, wallMilliseconds: wallMilliseconds)
        outcome.record.fetchedAt = Timestamp.nowMilliseconds()
        outcome.record.redirects = redirects
        outcome.record.referrer = job.referrer
        return outcome
    }

    private func fetchedOutcome(for job: CrawlJob, result: Result<FetchResponse, FetchError>, wallMilliseconds: Double) -> PageOutcome {
        switch result {
        case .failure(let error):
            // A failure after the response began (too-large, a timeout
            // mid-body, bad-encoding) keeps its status and the bytes that
            // arrived.
            var record = PageRecord(
                url: job.recordURL, finalURL: job.url, status: error.status, contentType: nil, bytes: error.bytesReceived,
                depth: job.depth, elapsedMilliseconds: wallMilliseconds,
                error: ErrorClass(error).rawValue, errorDetail: error.message, title: nil, outlinks: 0)
            record.retries = job.attempt
            var outcome = PageOutcome(job: job, record: record, source: job.url, edgeTargets: [], follow: [])
            if RetryPolicy.isTransient(error.code) {
                outcome.retryAfter = retry.delay(afterAttempt: job.attempt, url: job.url, retryAfter: nil)
            }
            return outcome
        case .success(let response):
            var outcome = outcome(for: job, response: response)
            outcome.record.retries = job.attempt
            if retry.isTransient(status: response.status) {
                let retryAfter = response.header("retry-after").flatMap { RetryPolicy.parseRetryAfter($0) }
                outcome.retryAfter = retry.delay(afterAttempt: job.attempt, url: job.url, retryAfter: retryAfter)
                outcome.retryHoldsHost = retryAfter != nil || RetryPolicy.slowsTheHost(status: response.status)
            }
            return outcome
        }
    }

    /// The record of a page robots.txt forbids, or that an unreadable
    /// robots.txt forbids: no request was made.
    public func disallowedOutcome(for job: CrawlJob) -> PageOutcome {
        let error: ErrorClass
        var detail: String
        switch job.kind {
        case .robotsUnavailable(let why):
            error = .robotsUnavailable
            detail = "\(why); RFC 9309 treats an unreachable robots.txt as disallowing everything"
        case .refusedRedirect(let why):
            error = .refusedRedirect
            detail = why
        case .robotsTooCostly:
            error = .robotsDisallowed
            detail = "robots.txt takes more than \(RobotsRules.workBudget) steps to judge this URL "
                + "(a file built to be slow to match): treated as disallowing it"
        default:
            error = .robotsDisallowed
            detail = "robots.txt disallows it for \(RobotsProductToken.ofCrawler(userAgent))"
        }
        // A hop's record is its chain's first URL's; the detail says which
        // hop was refused.
        if let hop = job.redirect, error != .refusedRedirect {
            detail = "redirect \(hop.fetched.count) from \(hop.origin) to \(RedirectPolicy.abbreviated(job.url)): " + detail
        }
        var record = PageRecord(
            url: job.recordURL, finalURL: job.url, status: nil, contentType: nil, bytes: 0, depth: job.depth,
            elapsedMilliseconds: 0, error: error.rawValue, errorDetail: detail, title: nil, outlinks: 0,
            retries: job.attempt)
        record.referrer = job.referrer
        // A refused hop's chain followed these redirects to reach it.
        if let hop = job.redirect { record.redirects = zip(hop.fetched, hop.statuses).map { RedirectStep(url: $0, status: $1) } }
        return PageOutcome(job: job, record: record, source: job.url, edgeTargets: [], follow: [])
    }

    /// A page (or hop) that answered with a redirect to follow: no record
    /// yet, the frontier hands out the next hop.
    func redirectOutcome(for job: CrawlJob, follow: RedirectFollow) -> PageOutcome {
        let record = PageRecord(url: job.recordURL, finalURL: job.url, status: nil, contentType: nil, bytes: 0,
                                depth: job.depth, elapsedMilliseconds: 0, error: nil, errorDetail: nil, title: nil,
                                outlinks: 0)
        var outcome = PageOutcome(job: job, record: record, source: job.url, edgeTargets: [], follow: [])
        outcome.redirect = follow
        return outcome
    }

    /// A host's robots.txt, read as RFC 9309 §2.3.1 says: 2xx → its
    /// rules, 4xx → allow all, 5xx or no answer → disallow all. (The fetch
    /// followed up to `--max-redirects` redirects, at least the five the
    /// RFC asks for.) It is no page: it has no record and no edges.
    private func robotsOutcome(for job: CrawlJob, result: Result<FetchResponse, FetchError>) -> PageOutcome {
        let fetched: RobotsFetchOutcome
        var unavailable: String?
        switch result {
        case .success(let response):
            fetched = RobotsFetchOutcome(status: response.status, body: response.body)
            if fetched == .disallowAll { unavailable = "\(job.url) answered HTTP \(response.status)" }
        case .failure(let error):
            fetched = .unreachable
            unavailable = "\(job.url) could not be fetched [\(ErrorClass(error).rawValue)]: \(error.message)"
        }
        let record = PageRecord(url: job.url, finalURL: job.url, status: nil, contentType: nil, bytes: 0, depth: 0,
                                elapsedMilliseconds: 0, error: nil, errorDetail: nil, title: nil, outlinks: 0)
        var outcome = PageOutcome(job: job, record: record, source: job.url, edgeTargets: [], follow: [])
        outcome.robots = fetched.rules(for: userAgent)
        outcome.robotsUnavailable = unavailable
        if case .rules(let file) = fetched { outcome.sitemaps = file.sitemaps }
        return outcome
    }

    private func outcome(for job: CrawlJob, response: FetchResponse) -> PageOutcome {
        let finalURL = WebURL(response.finalURL)?.normalizedForCrawl()
        let source = finalURL?.href ?? job.url
        var record = PageRecord(
            url: job.recordURL, finalURL: source, status: response.status,
            contentType: response.contentType, bytes: response.body.count, depth: job.depth,
            elapsedMilliseconds: response.timings.total.milliseconds,
            error: ErrorClass(status: response.status)?.rawValue, errorDetail: nil, title: nil, outlinks: 0)
        let timings = response.timings
        record.timings = PageTimings(dns: timings.dns.milliseconds, connect: timings.connect.milliseconds,
                                     tls: timings.tls.milliseconds, firstByte: timings.firstByte.milliseconds,
                                     total: timings.total.milliseconds)
        record.etag = response.header("etag")
        record.lastModified = response.header("last-modified")
        guard (200..<300).contains(response.status), let finalURL,
              Self.isHTML(contentType: response.contentType, body: response.body)
        else {
            return PageOutcome(job: job, record: record, source: source, edgeTargets: [], follow: [])
        }
        let page = HTMLExtractor.extract(response.body, contentType: response.contentType, limits: extraction)
        let resolved = ResolvedLinks(page: page, documentURL: finalURL, limits: links.resolutionLimits)
        record.title = page.title
        if let length = page.titleLength, length > (page.title?.utf8.count ?? 0) { record.titleLength = length }
        record.parseLimited = page.parseLimited
        record.outlinks = resolved.links.count
        record.linksTooLong = resolved.droppedTooLong
        record.linksOverLimit = resolved.droppedOverLimit
        record.credentialsStripped = resolved.credentialsStripped
        var edgeTargets: [String] = []
        var edgeAttributes: [EdgeAttributes] = []
        var keepsAttributes = false
        var follow: [(url: String, hostKey: String)] = []
        edgeTargets.reserveCapacity(resolved.links.count)
        for link in resolved.links {
            let verdict = scope.judge(link.url)
            if verdict == .patternTimedOut { record.regexTimeouts += 1 }
            let inScope = verdict == .inScope
            let href = links.apply(to: link.url.href)
            if inScope || includeOutOfScopeEdges {
                let attributes = EdgeAttributes(count: link.count, nofollow: !link.follow)
                // Kept only once a target differs from `.single`, so a page
                // of plain links carries no second array.
                if attributes != .single && !keepsAttributes {
                    keepsAttributes = true
                    edgeAttributes = Array(repeating: .single, count: edgeTargets.count)
                }
                if keepsAttributes { edgeAttributes.append(attributes) }
                edgeTargets.append(href)
            }
            if inScope && link.follow && links.mayFetch(href) { follow.append((href, link.url.origin)) }
        }
        if !links.stripQueryParameters.isEmpty {
            (edgeTargets, edgeAttributes) = Self.merged(edgeTargets, edgeAttributes)
        }
        var outcome = PageOutcome(job: job, record: record, source: source, edgeTargets: edgeTargets, follow: follow)
        outcome.edgeAttributes = edgeAttributes
        return outcome
    }

    /// Links that differed only in stripped parameters are one edge now:
    /// their counts add up, and it is nofollow only if all were.
    private static func merged(_ targets: [String], _ attributes: [EdgeAttributes]) -> ([String], [EdgeAttributes]) {
        var index: [String: Int] = [:]
        var distinct: [String] = []
        var merged: [EdgeAttributes] = []
        for (position, target) in targets.enumerated() {
            let these = attributes.isEmpty ? .single : attributes[position]
            if let existing = index[target] {
                merged[existing].count += these.count
                merged[existing].nofollow = merged[existing].nofollow && these.nofollow
                continue
            }
            index[target] = distinct.count
            distinct.append(target)
            merged.append(these)
        }
        return (distinct, merged.allSatisfy { $0 == .single } ? [] : merged)
    }

    /// `text/html` and `application/xhtml+xml` are parsed; a response with no
    /// Content-Type is parsed when its first bytes look like HTML.
    static func isHTML(contentType: String?, body: [UInt8]) -> Bool {
        guard let contentType else { return HTMLSniffer.looksLikeHTML(body) }
        let mime = contentType.utf8.prefix { $0 != 0x3B }.trimmingHTTPWhitespace()  // up to ";"
        return equalsIgnoringASCIICase(mime, "text/html") || equalsIgnoringASCIICase(mime, "application/xhtml+xml")
    }

    private static func equalsIgnoringASCIICase(_ bytes: Substring.UTF8View.SubSequence, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        return zip(bytes, expected).allSatisfy { byte, want in
            (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) == want
        }
    }
}
